//! haven: a Discord bot that helps a couple build emotional intimacy through small daily habits.

pub mod app;
pub mod clock;
pub mod config;
pub mod copy;
pub mod discord;
pub mod domain;
pub mod http;
mod layers;
pub mod ops;
pub mod render;
pub mod service;
pub mod store;
pub mod telemetry;
