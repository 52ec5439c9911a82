//! The write token: random, kept in a file only its owner can read, compared in constant time.

use rand::RngCore;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use subtle::ConstantTimeEq;

/// The secret that every write (upload, link, merge) must present.
#[derive(Clone)]
pub struct Token(String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl Token {
    /// A new random token: 32 bytes from the operating system's generator, as hex.
    pub fn generate() -> Token {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Token(hex::encode(bytes))
    }

    /// A token with this text (tests, or a token the operator chose).
    pub fn new(text: impl Into<String>) -> Token {
        Token(text.into())
    }

    /// The token's text, to print once or to send.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Reads the token saved at `path`, or creates one there (readable by its owner only).
    /// Returns the token and whether it was just created.
    pub fn load_or_create(path: &Path) -> io::Result<(Token, bool)> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("the token file {} is empty", path.display()),
                    ));
                }
                Ok((Token(text.to_string()), false))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let token = Token::generate();
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                let mut file = options.open(path)?;
                writeln!(file, "{}", token.0)?;
                Ok((token, true))
            }
            Err(e) => Err(e),
        }
    }

    /// True when `given` is this token. The comparison takes the same time wherever the first
    /// difference is.
    pub fn matches(&self, given: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(given.trim().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_match_only_themselves() {
        let a = Token::generate();
        let b = Token::generate();
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.expose().len(), 64);
        assert!(a.matches(a.expose()));
        assert!(!a.matches(b.expose()));
        assert!(!a.matches(""));
    }

    #[test]
    fn a_token_file_is_created_once_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/token");
        let (first, created) = Token::load_or_create(&path).unwrap();
        assert!(created);
        let (again, created) = Token::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(first.expose(), again.expose());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let t = Token::new("secret-value");
        assert!(!format!("{t:?}").contains("secret"));
    }
}
