//! Bytes → text: BOMs (UTF-8, UTF-16), legacy single-byte encodings, line endings, binary
//! detection.

use crate::ExtractError;
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// A document's text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text with any BOM removed and CRLF/CR line endings turned into LF: the input bytes
    /// themselves when they are UTF-8 as they are (a large document is not copied).
    pub text: Cow<'a, str>,
    /// True when undecodable bytes were replaced with U+FFFD.
    pub lossy: bool,
    /// The encoding the bytes were read in, as the WHATWG Encoding Standard names it
    /// (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
    /// What the reader should know about the decoding (a replaced byte, a legacy encoding), to
    /// be shown with the lists read.
    pub warning: Option<String>,
}

/// How many bytes of a document the encoding detector looks at: plenty to tell legacy
/// encodings apart, and a huge file is not scanned twice.
const DETECTOR_WINDOW: usize = 1 << 20;

/// Decodes a document: UTF-8 (with or without a BOM), UTF-16 with a BOM, or (when the bytes are
/// not UTF-8 and hold no UTF-8 sequence at all) the legacy encoding a detector guesses, such as
/// windows-1252 or ISO-8859-2; CRLF normalized to LF.
///
/// A few invalid bytes in an otherwise UTF-8 file are replaced and reported; a file with NUL
/// bytes (and no UTF-16 BOM), one mostly made of control characters, or one that is mostly
/// undecodable, is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ExtractError> {
    let (text, encoding, lossy) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            let body = &bytes[bom..];
            let (text, lossy) = encoding.decode_without_bom_handling(body);
            if lossy {
                refuse_if_mostly_broken(&text, body.len())?;
            }
            (text, encoding, lossy)
        }
        None => decode_unmarked(bytes)?,
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        .count();
    if text.contains('\0') || control * 10 > text.chars().count().max(1) {
        return Err(ExtractError::Binary);
    }
    let warning = if lossy {
        Some(format!(
            "the document is not valid {}; undecodable bytes were replaced with U+FFFD",
            encoding.name()
        ))
    } else if encoding != UTF_8 && !encoding.name().starts_with("UTF-16") {
        Some(format!(
            "the document is not UTF-8; it was read as {} (detected from its bytes)",
            encoding.name()
        ))
    } else {
        None
    };
    let text = if text.contains('\r') {
        Cow::Owned(normalize_line_ends(&text))
    } else {
        text
    };
    Ok(Decoded {
        text,
        lossy,
        encoding: encoding.name(),
        warning,
    })
}

/// Bytes without a BOM: UTF-8 if they are, else UTF-8 with replacements if they hold valid
/// multi-byte sequences (a file mostly saved right), else the guessed legacy encoding.
fn decode_unmarked(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static Encoding, bool), ExtractError> {
    // UTF-16 without a BOM and binaries both carry NUL bytes; neither is something we read.
    if bytes.contains(&0) {
        return Err(ExtractError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), UTF_8, false));
    }
    let multibyte = bytes
        .utf8_chunks()
        .any(|chunk| chunk.valid().bytes().any(|b| !b.is_ascii()));
    if multibyte {
        let text = String::from_utf8_lossy(bytes);
        refuse_if_mostly_broken(&text, bytes.len())?;
        return Ok((text, UTF_8, true));
    }
    let first_high = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let window = &bytes[first_high..bytes.len().min(first_high + DETECTOR_WINDOW)];
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(window, true);
    let encoding = detector.guess(None, false);
    // Text in any script breaks its lines (and, mostly, its words) with ASCII: a long run of
    // high bytes with no break at all is no legacy text, whatever a detector guesses.
    let breaks = bytes.iter().filter(|b| b.is_ascii_whitespace()).count();
    if breaks * 200 < bytes.len() {
        let bad = bytes.iter().filter(|b| !b.is_ascii()).count();
        return Err(ExtractError::NotUtf8 {
            bad,
            total: bytes.len(),
        });
    }
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    if lossy {
        refuse_if_mostly_broken(&text, bytes.len())?;
    }
    Ok((text, encoding, lossy))
}

/// More than 1 in 20 bytes undecodable: this is not a slightly mis-saved article.
fn refuse_if_mostly_broken(text: &str, total: usize) -> Result<(), ExtractError> {
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad * 20 > total {
        return Err(ExtractError::NotUtf8 { bad, total });
    }
    Ok(())
}

fn normalize_line_ends(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        let d = decode(b"\xEF\xBB\xBF1. A\r\n2. B\r\n").unwrap();
        assert_eq!(d.text, "1. A\n2. B\n");
        assert!(!d.lossy);
        assert_eq!(d.warning, None);
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf16_with_a_bom_is_decoded_in_either_byte_order() {
        let text = "1. Amélie\r\n2. Crouching Tiger, Hidden Dragon — 卧虎藏龙\r\n";
        for (little, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes = utf16(text, little);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text.replace("\r\n", "\n"), "{name}");
            assert_eq!(d.encoding, name);
            assert!(!d.lossy);
            assert_eq!(d.warning, None);
        }
    }

    #[test]
    fn utf16_without_a_bom_is_refused_as_binary() {
        let mut bytes = utf16("1. Amélie\n2. Drive\n", true);
        bytes.drain(..2);
        assert!(matches!(decode(&bytes), Err(ExtractError::Binary)));
    }

    #[test]
    fn windows_1252_is_detected_and_decoded_with_a_warning() {
        let bytes = b"Our favourite scores, ranked\n\n3. Am\xE9lie\n\nYann Tiersen\x92s accordion \x96 \
                      the caf\xE9, the canal, the garden gnome.\n\n2. La Haine\n\n1. Les Mis\xE9rables\n";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("3. Amélie\n"), "{}", d.text);
        assert!(
            d.text.contains("Tiersen’s accordion – the café"),
            "{}",
            d.text
        );
        assert!(!d.text.contains('\u{FFFD}'));
        assert!(!d.lossy);
        assert_eq!(d.encoding, "windows-1252");
        let warning = d.warning.unwrap();
        assert!(warning.contains("windows-1252"), "{warning}");
    }

    #[test]
    fn other_single_byte_encodings_are_told_apart() {
        // Polish in ISO-8859-2: ł (0xB3) and ś (0xB6) mean other letters in windows-1252.
        let bytes = b"Najlepsze \xB6cie\xBFki d\xBCwi\xEAkowe\n\n1. Pi\xEAkno \xBFycia\n\n\
                      2. D\xBCwi\xEAki muzyki, kt\xF3re \xB6piewa\xB3 ca\xB3y \xB6wiat\n";
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, "ISO-8859-2");
        assert!(d.text.contains("Piękno życia"), "{}", d.text);
    }

    #[test]
    fn a_stray_latin1_byte_in_utf8_text_decodes_lossily() {
        let d = decode("1. Am\u{e9}lie — and a long enough line of text".as_bytes()).unwrap();
        assert!(!d.lossy);
        let mut bytes = "2. Léon — and a long enough line of text around it "
            .as_bytes()
            .to_vec();
        bytes.extend(b"1. Am\xE9lie");
        let d = decode(&bytes).unwrap();
        assert!(d.lossy);
        assert!(d.text.contains("Léon") && d.text.contains('\u{FFFD}'));
        assert!(d.warning.unwrap().contains("U+FFFD"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(b"\x7FELF\0\0\x01"),
            Err(ExtractError::Binary)
        ));
    }

    #[test]
    fn mostly_invalid_bytes_are_refused() {
        // Valid UTF-8 here and there among broken sequences.
        assert!(matches!(
            decode(&[0xC3, 0xA9, 0xFA, 0xC3, 0x28, 0x80, 0x81, 0x41]),
            Err(ExtractError::NotUtf8 { .. })
        ));
        // A UTF-16 BOM before an odd, unpaired tail.
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41]),
            Err(ExtractError::NotUtf8 { .. })
        ));
    }

    #[test]
    fn random_high_bytes_are_refused_not_read_as_a_legacy_encoding() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state as u8).max(1)
            })
            .collect();
        assert!(decode(&bytes).is_err());
    }
}
