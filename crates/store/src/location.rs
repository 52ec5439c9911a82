//! Where a database is: a SQLite file or a PostgreSQL server, told apart by the location's
//! scheme, and the location as it may be shown (password masked).

use crate::{postgres::PgStore, AnyStore, Result, SqliteStore, StoreError};
use std::path::Path;

/// Which backend a location names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (`sqlite:PATH`, `sqlite://PATH` or a plain path), or `:memory:`.
    Sqlite,
    /// A PostgreSQL server (`postgres://…` or `postgresql://…`).
    Postgres,
}

impl Backend {
    /// The backend `location` names: PostgreSQL for a `postgres://` or `postgresql://` URI,
    /// SQLite for `sqlite:` or a path. Another `scheme://` is [`StoreError::Open`].
    pub fn of(location: &str) -> Result<Backend> {
        let lower = location.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Ok(Backend::Postgres);
        }
        if lower.starts_with("sqlite:") {
            return Ok(Backend::Sqlite);
        }
        if let Some((scheme, _)) = location.split_once("://") {
            let is_scheme = !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            if is_scheme {
                return Err(StoreError::Open {
                    location: redact_location(location),
                    message: format!(
                        "unknown database scheme `{scheme}`: use postgres://, postgresql://, \
                         sqlite: or a file path"
                    ),
                });
            }
        }
        Ok(Backend::Sqlite)
    }
}

/// The SQLite file a `sqlite:` location (or a plain path) names.
fn sqlite_path(location: &str) -> &str {
    let rest = strip_prefix_ignore_case(location, "sqlite://")
        .or_else(|| strip_prefix_ignore_case(location, "sqlite:"));
    rest.unwrap_or(location)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Opens the database at `location`: a PostgreSQL server for `postgres://…` or
/// `postgresql://…`, else a SQLite file (`sqlite:PATH`, `sqlite://PATH` or a plain path;
/// `:memory:` for a database that lives as long as the store). The schema is brought up to
/// date either way.
///
/// ```
/// use needledrop_store::{open, AnyStore, Store};
///
/// let mut store = open("sqlite::memory:").unwrap();
/// assert!(matches!(store, AnyStore::Sqlite(_)));
/// assert_eq!(store.film_count().unwrap(), 0);
/// ```
pub fn open(location: &str) -> Result<AnyStore> {
    match Backend::of(location)? {
        Backend::Postgres => Ok(AnyStore::Postgres(PgStore::open(location.trim())?)),
        Backend::Sqlite => match sqlite_path(location) {
            ":memory:" => Ok(AnyStore::Sqlite(SqliteStore::open_in_memory()?)),
            "" => Err(StoreError::Open {
                location: location.to_string(),
                message: "no file path after `sqlite:`".into(),
            }),
            path => Ok(AnyStore::Sqlite(SqliteStore::open(Path::new(path))?)),
        },
    }
}

/// `location` as it may be shown: a PostgreSQL URI's password (in the user part, or a
/// `password=` parameter) is replaced by `***`; anything else is returned as is.
///
/// ```
/// use needledrop_store::redact_location;
///
/// assert_eq!(
///     redact_location("postgres://ann:s3cret@db.example/needledrop"),
///     "postgres://ann:***@db.example/needledrop"
/// );
/// assert_eq!(redact_location("sqlite:needledrop.db"), "sqlite:needledrop.db");
/// ```
pub fn redact_location(location: &str) -> String {
    let mut out = location.to_string();
    if let Some(p) = userinfo_password(location) {
        let start = p.as_ptr() as usize - location.as_ptr() as usize;
        out.replace_range(start..start + p.len(), "***");
    }
    mask_password_parameters(&out)
}

/// The password written in a URI's user part, if any.
pub(crate) fn password(location: &str) -> Option<&str> {
    userinfo_password(location)
}

fn userinfo_password(location: &str) -> Option<&str> {
    let (_, rest) = location.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let at = authority.rfind('@')?;
    let userinfo = &authority[..at];
    let colon = userinfo.find(':')?;
    Some(&userinfo[colon + 1..])
}

/// Masks every `password=VALUE` (URI parameter or `key=value` connection string).
fn mask_password_parameters(s: &str) -> String {
    const KEY: &str = "password=";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.to_ascii_lowercase().find(KEY) {
        let boundary = i == 0 || matches!(rest.as_bytes()[i - 1], b'?' | b'&' | b' ' | b'\t');
        let value_start = i + KEY.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        if !boundary {
            continue;
        }
        let end = if rest.starts_with('\'') {
            // A quoted value runs to the next unescaped quote.
            let mut end = rest.len();
            let bytes = rest.as_bytes();
            let mut j = 1;
            while j < bytes.len() {
                match bytes[j] {
                    b'\\' => j += 2,
                    b'\'' => {
                        end = j + 1;
                        break;
                    }
                    _ => j += 1,
                }
            }
            end.min(rest.len())
        } else {
            rest.find(['&', ' ', '\t', '#']).unwrap_or(rest.len())
        };
        if end > 0 {
            out.push_str("***");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_backend() {
        for pg in [
            "postgres://h/db",
            "postgresql://u@h:5433/db",
            "POSTGRES://h/db",
        ] {
            assert_eq!(Backend::of(pg).unwrap(), Backend::Postgres, "{pg}");
        }
        for lite in [
            "sqlite:a.db",
            "sqlite:///tmp/a.db",
            "a.db",
            "/tmp/x/a.db",
            "C:\\a.db",
        ] {
            assert_eq!(Backend::of(lite).unwrap(), Backend::Sqlite, "{lite}");
        }
        assert!(Backend::of("mysql://u:pw@h/db").is_err());
    }

    #[test]
    fn an_unknown_scheme_is_bad_input_and_hides_the_password() {
        let e = Backend::of("mysql://u:hunter2@h/db").unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::BadInput);
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn sqlite_locations_name_their_file() {
        assert_eq!(sqlite_path("sqlite:a.db"), "a.db");
        assert_eq!(sqlite_path("sqlite:///tmp/a.db"), "/tmp/a.db");
        assert_eq!(sqlite_path("SQLite:dir/a.db"), "dir/a.db");
        assert_eq!(sqlite_path("dir/a.db"), "dir/a.db");
    }

    #[test]
    fn passwords_are_masked_wherever_they_are_written() {
        let cases = [
            (
                "postgres://u:p%40ss@h:5432/db",
                "postgres://u:***@h:5432/db",
            ),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://u:@h/db", "postgres://u:***@h/db"),
            (
                "postgresql://h/db?user=u&password=secret&sslmode=disable",
                "postgresql://h/db?user=u&password=***&sslmode=disable",
            ),
            (
                "host=h user=u password='a b\\' c' dbname=d",
                "host=h user=u password=*** dbname=d",
            ),
            ("host=h password=x", "host=h password=***"),
            ("/tmp/my_password=x.db", "/tmp/my_password=x.db"),
        ];
        for (given, shown) in cases {
            assert_eq!(redact_location(given), shown, "{given}");
        }
    }
}
