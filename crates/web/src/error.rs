//! Why a request failed, and how each surface says so: a JSON body for the API, an HTML page for
//! the site. The status always comes from the kind of failure, never from the message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use needledrop_app::{AppError, ErrorKind};
use thiserror::Error;

/// Why a request failed.
#[derive(Debug, Error)]
pub enum WebError {
    /// A use case failed; its kind decides the status.
    #[error(transparent)]
    App(#[from] AppError),
    /// The request itself is malformed (a query parameter, a form field).
    #[error("{0}")]
    BadRequest(String),
    /// The request is well formed but cannot be processed (422).
    #[error("{0}")]
    Unprocessable(String),
    /// Something asked for is not there.
    #[error("{0}")]
    NotFound(String),
    /// A write without the right token.
    #[error("a valid token is required for this request")]
    Unauthorized,
    /// A body over the size limit.
    #[error("the request body is larger than the limit of {0} bytes")]
    TooLarge(usize),
    /// A failure of ours.
    #[error("{0}")]
    Internal(String),
}

impl WebError {
    /// The HTTP status for this failure.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::App(e) => match e.kind() {
                // A document that cannot be read is well formed as a request but unusable.
                ErrorKind::BadInput if matches!(e, AppError::Extract(_)) => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                ErrorKind::BadInput => StatusCode::BAD_REQUEST,
                ErrorKind::NotFound => StatusCode::NOT_FOUND,
                ErrorKind::Conflict => StatusCode::CONFLICT,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The kind as a word, for JSON bodies: `bad-input`, `not-found`, `conflict`, `unauthorized`,
    /// `too-large` or `failure`.
    pub fn kind(&self) -> &'static str {
        match self.status() {
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "bad-input",
            StatusCode::NOT_FOUND => "not-found",
            StatusCode::CONFLICT => "conflict",
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::PAYLOAD_TOO_LARGE => "too-large",
            _ => "failure",
        }
    }

    /// The message shown to the client. Failures of ours are not detailed to the client.
    fn public_message(&self) -> String {
        if self.status().is_server_error() {
            "an internal error occurred; see the server's log".to_string()
        } else {
            self.to_string()
        }
    }

    fn log(&self) {
        if self.status().is_server_error() {
            eprintln!("needledrop serve: {self}");
        }
    }
}

/// A failure answered as JSON: `{"error": message, "kind": kind}`.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let body = serde_json::json!({ "error": self.0.public_message(), "kind": self.0.kind() });
        let mut response = (self.0.status(), axum::Json(body)).into_response();
        if matches!(self.0, WebError::Unauthorized) {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// A failure answered as an HTML page.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        let status = self.0.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let page = crate::html::layout(
            title,
            maud::html! {
                h1 { (status.as_u16()) " " (title) }
                p.error { (self.0.public_message()) }
                p { a href="/" { "Back to the chart" } }
            },
        );
        (status, page).into_response()
    }
}
