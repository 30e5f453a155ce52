//! Test support for haven's integration tests: a fake Discord, its OpenAPI checker, payload builders.
#![allow(dead_code)]

pub mod fake;
pub mod openapi;
pub mod payloads;
