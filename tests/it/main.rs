//! haven's one integration-test binary: the real wiring against a fake Discord on 127.0.0.1.

mod anniversary;
mod appreciation;
mod checkins;
mod cli;
mod conversation;
mod crash;
mod fake_selftest;
mod gateway;
mod harness;
mod hostile;
mod http;
mod language;
mod nudges;
mod onmymind;
mod pulse;
mod settings;
mod setup_flow;
mod shards;
mod support;
mod trust;
mod trust_forget;
mod trust_invitations;
mod trust_pressure;
mod world;
mod zones;
