//! The desk's tests, one binary: the JSON API through the real router over
//! a fresh SQLite file (`support`), the routes (`api`), the security
//! cases (`security`), the OpenAPI document (`openapi`), the demo month
//! (`demo`), the regulator's export (`export`), the report pages and the
//! follow-up day (`reports`), the desk's tables (`tables`), the due-worker
//! (`worker`), the checkpoint worker with the complaint page's
//! checkpoint (`checkpoints`), and a complaint whose stored history does
//! not check out (`damaged`).

mod integration {
    mod api;
    mod checkpoints;
    mod damaged;
    mod demo;
    mod export;
    mod i18n;
    mod openapi;
    mod pages;
    mod reports;
    mod security;
    mod server;
    mod support;
    mod tables;
    mod worker;
}
