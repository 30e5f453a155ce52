//! The gateway connection: a RECONNECT (op 7) is followed by a resume, and commands are still
//! answered on the new connection.

use serde_json::{json, Value};

use crate::harness::*;
use crate::support::payloads::slash;
use crate::world::*;

#[tokio::test]
async fn a_reconnect_request_resumes_and_commands_still_work() {
    let app = spawn_app(vec![server()]).await;
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "haven");
    let connections = app.fake.connection_count();
    app.fake.send_raw(json!({"op": 7, "d": null}));
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.fake.resume_count() == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bot resumes after op 7"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        app.fake.connection_count() > connections,
        "a new connection"
    );
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "haven");
    assert_eq!(app.fake.identify_count(), 1, "resumed, not re-identified");
    app.stop().await;
}
