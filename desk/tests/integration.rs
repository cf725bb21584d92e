//! The desk's tests, one binary: the JSON API through the real router over
//! a fresh SQLite file (`support`), the routes (`api`), the security
//! cases (`security`) and the OpenAPI document (`openapi`).

mod integration {
    mod api;
    mod openapi;
    mod security;
    mod server;
    mod support;
}
