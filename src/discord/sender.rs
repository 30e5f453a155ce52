//! The scheduler and the outbox sender: sleeps until the next due instant (or a schedule
//! change, or shutdown), records due occurrences, and delivers them exactly once.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, GetMessages, Http, Message, Nonce};
use serenity::http::HttpError;
use tokio::sync::{Mutex, Notify, Semaphore};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::render;
use crate::domain::delivery::{AttemptError, Next, Pace};
use crate::domain::forget::{AfterFailure, Errand, ForgetTask};
use crate::domain::ids::MessageId;
use crate::domain::post::OutboxRow;
use crate::domain::post::Post;
use crate::service::outbox::Attempt;
use crate::service::Services;

/// Each sleep is capped so a clock step or a suspend cannot make a nudge late.
const MAX_SLEEP: Duration = Duration::from_secs(60);
/// Deliveries in flight at once (Discord answers in ~100 ms; the pacer sets the rate).
const CONCURRENCY: usize = 16;
/// How long shutdown waits for deliveries in flight.
const DRAIN: Duration = Duration::from_secs(10);
/// Planning transactions per step: a peak of many couples due at once is planned a step at a
/// time, between the claims that hand out what is already planned.
const PLAN_BATCHES_PER_STEP: usize = 1;
/// How far back a read-back looks for a post.
const READ_BACK: u8 = 50;

/// Paces requests under Discord's global limit (see [`Pace`]): evenly spaced, catching up on
/// timer lateness, and never more than `limit` in any `window` by the instants they leave.
pub struct Pacer {
    state: Mutex<PacerState>,
    pace: Pace,
}

struct PacerState {
    /// When the next request may leave by the even spacing.
    next: Instant,
    /// When the last `limit` requests left, oldest first.
    left: VecDeque<Instant>,
}

impl Pacer {
    pub fn new(pace: Pace) -> Pacer {
        Pacer {
            state: Mutex::new(PacerState {
                next: Instant::now(),
                left: VecDeque::with_capacity(pace.limit as usize),
            }),
            pace,
        }
    }

    /// Returns when a request may leave, and counts it as gone.
    pub async fn wait(&self) {
        loop {
            let at = {
                let mut st = self.state.lock().await;
                let now = Instant::now();
                let mut at = st.next;
                if st.left.len() >= self.pace.limit as usize {
                    at = at.max(st.left[0] + self.pace.window);
                }
                if at <= now {
                    // A slot missed by less than a gap (a late timer) is caught up; after a
                    // quiet spell the spacing starts again from now.
                    let caught_up = now.checked_sub(self.pace.gap).unwrap_or(now);
                    st.next = st.next.max(caught_up) + self.pace.gap;
                    if st.left.len() >= self.pace.limit as usize {
                        st.left.pop_front();
                    }
                    st.left.push_back(now);
                    return;
                }
                at
            };
            tokio::time::sleep_until(at).await;
        }
    }
}

struct Shared {
    svc: Services,
    http: Arc<Http>,
    /// Who can read a couple's channel, before a post with a partner's words.
    privacy: super::privacy::Guard,
    pacer: Pacer,
    done: Notify,
    /// Cancelled when Discord refuses the token: the process must stop.
    fatal: CancellationToken,
}

/// Runs until `stop` is cancelled; deliveries in flight then finish (or stay recorded as
/// unsent). Started once per process, never from `Ready`.
pub async fn run(
    svc: Services,
    http: Arc<Http>,
    cache: Arc<serenity::all::Cache>,
    stop: CancellationToken,
    fatal: CancellationToken,
) {
    if let Err(e) = svc.prepare_after_start().await {
        tracing::error!(error = %e, "could not prepare the outbox; continuing");
    }
    let sender = Sender::new(svc, http, cache, fatal);
    while !stop.is_cancelled() {
        let sleep = match sender.step().await {
            Ok(step) => step.sleep(),
            Err(e) => {
                // A failed step is logged and retried, never fatal.
                tracing::error!(error = %e, "scheduler tick failed; retrying in a second");
                Duration::from_secs(1)
            }
        };
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = sender.shared.svc.wake.notified() => {}
            _ = sender.shared.done.notified() => {}
            _ = tokio::time::sleep(sleep) => {}
        }
    }
    sender.drain().await;
}

/// The scheduler and the outbox sender between two steps: what its deliveries share, and how
/// many of them may be in flight.
pub struct Sender {
    shared: Arc<Shared>,
    permits: Arc<Semaphore>,
    tracker: TaskTracker,
}

/// What one step left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing is due and no delivery is in flight: the next step is due after this long, or
    /// when something wakes the sender.
    Idle(Duration),
    /// Deliveries are in flight or more is due: step again after this long, or when a delivery
    /// finishes.
    Busy(Duration),
}

impl Step {
    /// How long to wait before the next step unless woken.
    pub fn sleep(self) -> Duration {
        match self {
            Step::Idle(d) | Step::Busy(d) => d,
        }
    }
}

impl Sender {
    pub fn new(
        svc: Services,
        http: Arc<Http>,
        cache: Arc<serenity::all::Cache>,
        fatal: CancellationToken,
    ) -> Sender {
        let pacer = Pacer::new(Pace::under_global_limit(
            svc.settings.discord.global_rate_limit,
        ));
        Sender {
            shared: Arc::new(Shared {
                svc,
                privacy: super::privacy::Guard::new(http.clone(), cache),
                http,
                pacer,
                done: Notify::new(),
                fatal,
            }),
            permits: Arc::new(Semaphore::new(CONCURRENCY)),
            tracker: TaskTracker::new(),
        }
    }

    /// One step: record what is due, hand out what can be sent (each delivery runs on its own
    /// task), and say when to step again. Every step is counted in `Services::sender_steps`.
    pub async fn step(&self) -> anyhow::Result<Step> {
        let steps = &self.shared.svc.sender_steps;
        let mut number = 0;
        // Counted without waking anyone: only the end of an idle step is news.
        steps.send_if_modified(|s| {
            s.begun += 1;
            number = s.begun;
            false
        });
        let step = tick(&self.shared, &self.permits, &self.tracker).await?;
        if let Step::Idle(_) = step {
            steps.send_modify(|s| s.idle = s.idle.max(number));
        }
        Ok(step)
    }

    /// Waits (at most [`DRAIN`]) for the deliveries in flight; no step may follow.
    pub async fn drain(&self) {
        self.tracker.close();
        if tokio::time::timeout(DRAIN, self.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                "deliveries still in flight at shutdown stay recorded and are sent at the next start"
            );
        }
    }
}

/// One scheduler step: record what is due, hand out what can be sent, and say what is left.
async fn tick(
    shared: &Arc<Shared>,
    permits: &Arc<Semaphore>,
    tracker: &TaskTracker,
) -> anyhow::Result<Step> {
    let svc = &shared.svc;
    let now = svc.clock.now();
    svc.sweep_removed_guilds().await?;
    svc.sweep_invitations().await?;
    // What is left is planned by the next step: the earliest due couple is then in the past,
    // so `next_wake` asks for one at once.
    svc.plan_due_some(now, PLAN_BATCHES_PER_STEP).await?;
    let free = permits.available_permits();
    if free > 0 {
        // Planning can take a while: leases and nonce windows start from the clock as it is now.
        for attempt in svc.claim(svc.clock.now(), free).await? {
            let permit = permits.clone().acquire_owned().await?;
            let shared = shared.clone();
            tracker.spawn(async move {
                deliver(&shared, attempt).await;
                drop(permit);
                shared.done.notify_one();
            });
        }
    }
    // What forgets left to do in Discord shares the permits and the pacing of every post.
    let free = permits.available_permits();
    if free > 0 {
        for task in svc.claim_forget_tasks(svc.clock.now(), free).await? {
            let permit = permits.clone().acquire_owned().await?;
            let shared = shared.clone();
            tracker.spawn(async move {
                run_errand(&shared, task).await;
                drop(permit);
                shared.done.notify_one();
            });
        }
    }
    if permits.available_permits() == 0 {
        // Woken by a finished delivery.
        return Ok(Step::Busy(MAX_SLEEP));
    }
    let wake = svc.next_wake().await?;
    let now = svc.clock.now();
    let sleep = match wake {
        Some(at) if at > now => (at - now).to_std().unwrap_or(MAX_SLEEP).min(MAX_SLEEP),
        Some(_) => return Ok(Step::Busy(Duration::ZERO)),
        None => MAX_SLEEP,
    };
    Ok(if permits.available_permits() == CONCURRENCY {
        Step::Idle(sleep)
    } else {
        Step::Busy(sleep)
    })
}

async fn deliver(shared: &Shared, attempt: Attempt) {
    let svc = &shared.svc;
    let row = match attempt {
        Attempt::Send(row) => row,
        Attempt::ReadBack(row) => match read_back(shared, &row).await {
            Ok(Some(found)) => {
                tracing::info!(outbox = row.id.0, "found already posted on read-back");
                sent(svc, &row);
                if let Err(e) = svc.delivered(&row, found).await {
                    tracing::error!(outbox = row.id.0, error = %e, "could not record a delivery");
                }
                return;
            }
            Ok(None) => {
                if let Err(e) = svc.resend_after_read_back(&row).await {
                    tracing::error!(outbox = row.id.0, error = %e, "could not open a new nonce window");
                    return;
                }
                row
            }
            Err(err) => {
                failed(shared, &row, err).await;
                return;
            }
        },
    };
    if row.kind.direct() {
        return deliver_direct(shared, row).await;
    }
    if row.carries_words() {
        match still_private(shared, &row).await {
            Some(true) => {}
            Some(false) => {
                if let Err(e) = svc.hold_post(&row).await {
                    tracing::error!(outbox = row.id.0, error = %e, "could not hold a post");
                }
                return;
            }
            None => {
                // Neither the cache nor Discord can tell right now: ask again shortly rather
                // than post a partner's words unchecked.
                let at = svc.clock.now() + chrono::Duration::seconds(5);
                if let Err(e) = svc.retry_at(row.id, at).await {
                    tracing::error!(outbox = row.id.0, error = %e, "could not postpone a post");
                }
                return;
            }
        }
    }
    shared.pacer.wait().await;
    if let Ok(None) = svc.couple(row.couple_id).await {
        // Forgotten while this post waited its turn: it is not sent at all.
        return;
    }
    let channel = ChannelId::from(row.channel_id);
    let message = render::message(&row.post, channel)
        .nonce(Nonce::String(row.nonce()))
        .enforce_nonce(true);
    match channel.send_message(&shared.http, message).await {
        Ok(m) => {
            tracing::debug!(outbox = row.id.0, attempts = row.attempts, "posted");
            sent(svc, &row);
            if let Err(e) = svc.delivered(&row, m.id.into()).await {
                // Stays pending: the retry reuses the nonce and Discord answers with this message.
                tracing::error!(outbox = row.id.0, error = %e, "could not record a delivery");
            }
        }
        Err(e) => {
            count_429(svc, &e);
            failed(shared, &row, classify(&e)).await
        }
    }
}

/// A post for one partner alone, by direct message (the follow-up of "on my mind"): the DM
/// channel is opened and recorded before the send, so a read-back looks there. When the
/// recipient's DMs refuse haven (or the channel cannot be reached), nothing is paused: the
/// question waits for their next reply in the server instead.
async fn deliver_direct(shared: &Shared, row: OutboxRow) {
    let svc = &shared.svc;
    let recipient = match svc.direct_recipient(&row).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            // Its note is gone: nothing to ask.
            if let Err(e) = svc.direct_refused(&row).await {
                tracing::error!(outbox = row.id.0, error = %e, "could not close a direct post");
            }
            return;
        }
        Err(e) => {
            tracing::error!(outbox = row.id.0, error = %e, "could not find a direct post's recipient");
            return;
        }
    };
    shared.pacer.wait().await;
    if let Ok(false) = svc.couple_exists(row.couple_id).await {
        return;
    }
    let dm = match serenity::all::UserId::from(recipient)
        .create_dm_channel(&shared.http)
        .await
    {
        Ok(dm) => dm.id,
        Err(e) => return direct_failed(shared, &row, &e).await,
    };
    if let Err(e) = svc.direct_channel(&row, dm.into()).await {
        tracing::error!(outbox = row.id.0, error = %e, "could not record a direct post's channel");
        return;
    }
    shared.pacer.wait().await;
    let message = render::message(&row.post, dm)
        .nonce(Nonce::String(row.nonce()))
        .enforce_nonce(true);
    match dm.send_message(&shared.http, message).await {
        Ok(m) => {
            sent(svc, &row);
            if let Err(e) = svc.delivered(&row, m.id.into()).await {
                tracing::error!(outbox = row.id.0, error = %e, "could not record a delivery");
            }
        }
        Err(e) => direct_failed(shared, &row, &e).await,
    }
}

async fn direct_failed(shared: &Shared, row: &OutboxRow, e: &serenity::Error) {
    count_429(&shared.svc, e);
    match classify(e) {
        AttemptError::ChannelUnavailable { .. } => {
            tracing::info!(
                outbox = row.id.0,
                "a direct message was refused; asked in the server instead"
            );
            if let Err(e) = shared.svc.direct_refused(row).await {
                tracing::error!(outbox = row.id.0, error = %e, "could not record a refused direct message");
            }
        }
        err => failed(shared, row, err).await,
    }
}

/// A post went out (or was found out): counted, and a nudge's lateness measured from its
/// scheduled instant.
fn sent(svc: &Services, row: &OutboxRow) {
    let metrics = &svc.ops.metrics;
    metrics.post_sent(row.kind);
    if row.kind == crate::domain::post::PostKind::Nudge {
        let late = svc.clock.now() - row.occurrence;
        metrics.nudge_lateness(late.num_milliseconds() as f64 / 1000.0);
    }
}

fn count_429(svc: &Services, e: &serenity::Error) {
    if super::respond::is_too_many_requests(e) {
        svc.ops.metrics.discord_429();
    }
}

/// One errand of the forget queue: delete one of haven's messages, or post the note that tells
/// a partner their couple was forgotten.
async fn run_errand(shared: &Shared, task: ForgetTask) {
    let svc = &shared.svc;
    shared.pacer.wait().await;
    let channel = ChannelId::from(task.channel_id);
    let result = match &task.errand {
        Errand::Delete(message) => {
            channel
                .delete_message(&shared.http, serenity::all::MessageId::from(*message))
                .await
        }
        Errand::Tell {
            partner,
            by,
            nonce,
            ping,
            language,
        } => {
            let mut note = crate::render::posts::forget_note(*language, *partner, *by);
            if !ping {
                note.mentions.clear();
            }
            let message = render::message(&note, channel)
                .nonce(Nonce::String(nonce.clone()))
                .enforce_nonce(true);
            channel
                .send_message(&shared.http, message)
                .await
                .map(|_| ())
        }
    };
    let outcome = match result {
        Ok(()) => svc.forget_task_done(&task).await.map(|()| None),
        Err(e) => {
            count_429(svc, &e);
            svc.forget_task_failed(&task, http_status(&e))
                .await
                .map(Some)
        }
    };
    match outcome {
        Ok(None) => tracing::debug!(errand = task.id, "a forget's errand is done"),
        Ok(Some(AfterFailure::Done)) => {
            tracing::debug!(errand = task.id, "the message was already gone")
        }
        Ok(Some(AfterFailure::RetryAt(at))) => {
            tracing::warn!(errand = task.id, attempts = task.attempts, retry_at = %at, "a forget's errand failed; will retry")
        }
        Ok(Some(AfterFailure::GiveUp)) => {
            tracing::error!(
                errand = task.id,
                attempts = task.attempts,
                "Discord refused a forget's errand; it is given up"
            )
        }
        Ok(Some(AfterFailure::StopProcess)) => {
            tracing::error!(
                "Discord refused the bot token (401) during a forget's errand: stopping"
            );
            shared.fatal.cancel();
        }
        Err(e) => {
            tracing::error!(errand = task.id, error = %e, "could not record a forget's errand")
        }
    }
}

/// The HTTP status Discord answered a failed request with; `None` when no answer came.
fn http_status(e: &serenity::Error) -> Option<u16> {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => Some(r.status_code.as_u16()),
        _ => None,
    }
}

/// Whether only the couple (and the bot) can read the channel, by the cache or, when it does
/// not hold the server, by what Discord says now; None while neither can tell.
async fn still_private(shared: &Shared, row: &OutboxRow) -> Option<bool> {
    let since = tokio::time::Instant::now();
    let couple = shared.svc.couple(row.couple_id).await.ok().flatten()?;
    shared.privacy.couple(&couple, since).await.is_private()
}

async fn failed(shared: &Shared, row: &OutboxRow, err: AttemptError) {
    match shared.svc.attempt_failed(row, &err).await {
        Ok(Next::RetryAt(at)) => {
            tracing::warn!(outbox = row.id.0, attempts = row.attempts, error = ?err, retry_at = %at, "delivery failed; will retry");
        }
        Ok(Next::PauseCouple) => {
            tracing::warn!(outbox = row.id.0, couple = row.couple_id.0, error = ?err, "the couple's channel refused the post; couple paused");
        }
        Ok(Next::GiveUp) => {
            tracing::error!(outbox = row.id.0, error = ?err, "Discord rejected a post; it will not be retried");
        }
        Ok(Next::StopProcess) => {
            tracing::error!("Discord refused the bot token (401) while posting: stopping");
            shared.fatal.cancel();
        }
        Err(e) => {
            tracing::error!(outbox = row.id.0, error = %e, "could not record a failed delivery")
        }
    }
}

/// Looks for the post among the channel's recent messages (by its nonce or its marker).
async fn read_back(shared: &Shared, row: &OutboxRow) -> Result<Option<MessageId>, AttemptError> {
    shared.pacer.wait().await;
    let messages = ChannelId::from(row.channel_id)
        .messages(&shared.http, GetMessages::new().limit(READ_BACK))
        .await
        .map_err(|e| {
            count_429(&shared.svc, &e);
            classify(&e)
        })?;
    let marker = row.marker();
    let nonce = row.nonce();
    Ok(messages
        .iter()
        .find(|m| carries(m, &nonce, &marker))
        .map(|m| m.id.into()))
}

fn carries(m: &Message, nonce: &str, marker: &str) -> bool {
    if matches!(&m.nonce, Some(Nonce::String(n)) if n == nonce) {
        return true;
    }
    let value = serde_json::to_value(&m.components).unwrap_or_default();
    let mut ids = Vec::new();
    collect_custom_ids(&value, &mut ids);
    Post::marker_in_custom_ids(ids.iter().map(String::as_str), marker)
}

fn collect_custom_ids(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("custom_id", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_custom_ids(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_custom_ids(i, out)),
        _ => {}
    }
}

/// Sorts a serenity error by what the outbox does next. serenity cannot decode Discord's 429
/// body, so `retry_after` is unknown here and the wait is the conservative default.
pub fn classify(e: &serenity::Error) -> AttemptError {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            AttemptError::classify(r.status_code.as_u16(), r.error.code as i64, None)
        }
        _ => AttemptError::Transient,
    }
}
