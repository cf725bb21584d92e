//! Logs with `tracing`. No personal data is logged: request spans carry the
//! method, the route's pattern (`/api/complaints/{id}`), the status and the
//! latency, never bodies, headers, query strings, names, contacts,
//! passwords or tokens.

use axum::extract::MatchedPath;
use axum::http::Request;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber: stderr, `RUST_LOG` (`info` by default).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The request span maker: method and route pattern only.
pub type MakeSpan = fn(&Request<axum::body::Body>) -> tracing::Span;

/// The tracing layer of the router.
pub fn layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan> {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}

fn request_span(request: &Request<axum::body::Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route)
}
