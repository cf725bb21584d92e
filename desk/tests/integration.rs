//! The desk's tests, one binary: the JSON API through the real router over
//! a fresh SQLite file (`support`), the routes (`api`) and the security
//! cases (`security`).

mod integration {
    mod api;
    mod i18n;
    mod pages;
    mod security;
    mod server;
    mod support;
}
