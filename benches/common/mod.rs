//! What both benchmarks share: the quick mode, running the real `haven` binary as a child
//! process, reading `/proc`, statistics, and the verdict that sets the exit status.
//!
//! A benchmark exits non-zero when a target it checks is missed or when any figure it prints
//! has no samples (a benchmark that measures nothing must not look like one that passed).
//!
//! `cargo` does not take this file for a benchmark of its own: benches are auto-discovered only
//! as `benches/*.rs` and `benches/*/main.rs`.
#![allow(dead_code)]

use std::fs::File;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use tokio::process::{Child, Command};

use crate::support::fake::BOT_ID;
use crate::support::payloads::{guild, GuildBuilder};

/// The bot token haven is given and the fake expects.
pub const TOKEN: &str = "bench-token";

/// The one server of a benchmark, its owner and haven's role in it.
pub const GUILD: u64 = 2000;
const OWNER: u64 = 10;
const HAVEN_ROLE: u64 = 4003;

/// The server of a benchmark, with haven's role (granting `bot_perms`) and the bot in it.
pub fn bench_guild(bot_perms: u64) -> GuildBuilder {
    guild(GUILD, OWNER)
        .bot_role(HAVEN_ROLE, "haven", bot_perms, BOT_ID)
        .member(BOT_ID, &[HAVEN_ROLE])
}

/// A server like [`bench_guild`]'s with another id (another shard's, say).
pub fn bench_guild_with_id(id: u64, bot_perms: u64) -> serde_json::Value {
    guild(id, OWNER)
        .bot_role(HAVEN_ROLE, "haven", bot_perms, BOT_ID)
        .member(BOT_ID, &[HAVEN_ROLE])
        .build()
}

/// Targets both the nudge and the scale benchmarks hold haven to, whatever the mode: haven
/// must not read its couples at start-up, so start-up and memory stay flat in their number.
pub const STARTUP_MAX: std::time::Duration = std::time::Duration::from_secs(1);
pub const RSS_MAX_KB: u64 = 100 * 1024;

/// The time zones seeded couples are spread over, two with half-hour offsets.
pub fn seed_zones() -> Vec<haven::domain::time::Timezone> {
    [
        "UTC",
        "Europe/Berlin",
        "Europe/London",
        "America/New_York",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Asia/Tokyo",
        "Australia/Adelaide",
    ]
    .iter()
    .map(|z| haven::domain::time::Timezone::parse(z).expect("a known zone"))
    .collect()
}

/// Set to `1` for the quick mode: small sizes and short runs (seconds), targets relaxed to
/// what a busy machine keeps, and still failing when a figure has no samples.
pub const QUICK_ENV: &str = "HAVEN_BENCH_QUICK";

/// Whether [`QUICK_ENV`] asks for the quick mode (set, and neither empty nor `0`).
pub fn quick() -> bool {
    std::env::var(QUICK_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `full`, or `quick` in the quick mode.
pub fn full_or_quick<T>(full: &'static T, quick: &'static T) -> &'static T {
    if self::quick() {
        quick
    } else {
        full
    }
}

/// Runs a benchmark and turns its verdict into the exit status.
///
/// The fake checks request bodies against Discord's OpenAPI schema when
/// `DISCORD_OPENAPI_SPEC` is set; that is the tests' job, and its CPU cost would land inside
/// the measured latencies, so the variable is removed first.
pub fn run<F>(title: &str, bench: impl FnOnce(PathBuf, Verdict) -> F) -> ExitCode
where
    F: Future<Output = Verdict>,
{
    let spec_env = crate::support::openapi::SPEC_ENV;
    if std::env::var_os(spec_env).is_some() {
        println!("note: {spec_env} is ignored here (schema checks are the tests' job)");
        std::env::remove_var(spec_env);
    }
    let verdict = Verdict::new(title);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_haven"));
    println!("{title}");
    println!("  binary: {}", bin.display());
    if quick() {
        println!("  QUICK mode ({QUICK_ENV}): small sizes, short runs, relaxed targets");
    }
    println!(
        "  machine: {} CPU(s) available, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    if !bin.is_file() {
        println!(
            "\n!!! {} does not exist: run `cargo build --release` (or `cargo bench`, which builds it) first",
            bin.display()
        );
        eprintln!("error: {title}: the haven binary is missing");
        return ExitCode::FAILURE;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench(bin, verdict)).finish()
}

/// The 1-, 5- and 15-minute load averages: anything else busy on the machine shows here.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

// ---------------------------------------------------------------------------------------------
// The verdict

/// The targets a benchmark checks; with the figures that had no samples (see [`print_stats`]),
/// they decide the exit status.
pub struct Verdict {
    title: String,
    began: Instant,
    rows: Vec<Row>,
}

struct Row {
    what: String,
    wanted: String,
    measured: String,
    pass: bool,
}

impl Verdict {
    fn new(title: &str) -> Verdict {
        Verdict {
            title: title.to_owned(),
            began: Instant::now(),
            rows: Vec::new(),
        }
    }

    /// One target: what is measured, what is wanted, what was measured, and whether it was met.
    pub fn target(
        &mut self,
        what: impl Into<String>,
        wanted: String,
        measured: String,
        pass: bool,
    ) {
        self.rows.push(Row {
            what: what.into(),
            wanted,
            measured,
            pass,
        });
    }

    /// Prints the summary and says how the benchmark went: failure when a target was missed,
    /// when a figure had no samples, or when no target was checked at all.
    fn finish(self) -> ExitCode {
        println!("\n=== Summary ===");
        let w = self.rows.iter().map(|r| r.what.len()).max().unwrap_or(0);
        println!(
            "  {:w$}  {:>14}  {:>14}  result",
            "target", "wanted", "measured"
        );
        for r in &self.rows {
            println!(
                "  {:w$}  {:>14}  {:>14}  {}",
                r.what,
                r.wanted,
                r.measured,
                if r.pass { "PASS" } else { "FAIL  <<<<<<<<" },
            );
        }
        let mut problems = Vec::new();
        let missed: Vec<&str> = self
            .rows
            .iter()
            .filter(|r| !r.pass)
            .map(|r| r.what.as_str())
            .collect();
        if !missed.is_empty() {
            println!(
                "\n  !!! {} TARGET(S) MISSED: {}",
                missed.len(),
                missed.join("; ")
            );
            problems.push(format!("{} target(s) missed", missed.len()));
        }
        let empty = EMPTY_FIGURES.lock().map(|e| e.clone()).unwrap_or_default();
        if !empty.is_empty() {
            println!(
                "\n  !!! {} FIGURE(S) WITH NO SAMPLES (nothing was measured): {}",
                empty.len(),
                empty.join("; ")
            );
            problems.push(format!("{} figure(s) with no samples", empty.len()));
        }
        if self.rows.is_empty() {
            println!("\n  !!! NO TARGET WAS CHECKED");
            problems.push("no target checked".to_owned());
        }
        if problems.is_empty() {
            println!("\n  all targets met");
        }
        println!(
            "\n  whole benchmark took {:.1} s (load average now {})",
            self.began.elapsed().as_secs_f64(),
            load_average()
        );
        if problems.is_empty() {
            ExitCode::SUCCESS
        } else {
            eprintln!("error: {} FAILED: {}", self.title, problems.join(", "));
            ExitCode::FAILURE
        }
    }
}

/// The labels of the figures printed with no samples.
static EMPTY_FIGURES: Mutex<Vec<String>> = Mutex::new(Vec::new());

// ---------------------------------------------------------------------------------------------
// Statistics

/// Nearest-rank percentile.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    Some(v[rank.min(v.len()) - 1])
}

/// Prints a figure (count, p50, p99, max and min, in ms). A figure with no samples fails the
/// benchmark.
pub fn print_stats(label: &str, values: &[f64]) {
    let (Some(p50), Some(p99), Some(max), Some(min)) = (
        percentile(values, 50.0),
        percentile(values, 99.0),
        percentile(values, 100.0),
        percentile(values, 0.0),
    ) else {
        println!("{label}: no samples  <<<<<<<< (fails the benchmark)");
        if let Ok(mut e) = EMPTY_FIGURES.lock() {
            e.push(label.trim().to_owned());
        }
        return;
    };
    println!(
        "{label}: count {:>5}  p50 {p50:>8.1} ms  p99 {p99:>8.1} ms  max {max:>8.1} ms  (min {min:.1} ms)",
        values.len()
    );
}

// ---------------------------------------------------------------------------------------------
// The child process

/// `haven run` as a child process, its output in `haven.log` of its directory.
pub struct Haven {
    child: Child,
    pub pid: u32,
    pub spawned: Instant,
    /// The same instant on the wall clock (the fake's `at` is wall-clock time).
    pub spawned_wall: SystemTime,
    log: PathBuf,
}

impl Haven {
    /// Spawns `bin run` in `dir` (not the package root: its config/haven.toml must not be
    /// read), with a clean environment: the token, the fake's base URL, the database, and
    /// `env` (settings and `RUST_LOG`).
    pub fn spawn(
        bin: &Path,
        dir: &Path,
        db: &Path,
        base_url: &str,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Haven> {
        let log = dir.join("haven.log");
        let out = File::create(&log)?;
        let spawned = Instant::now();
        let spawned_wall = SystemTime::now();
        let child = Command::new(bin)
            .arg("run")
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DISCORD_TOKEN", TOKEN)
            .env("HAVEN_DISCORD__API_BASE_URL", base_url)
            .env("HAVEN_STORAGE__DATABASE_PATH", db)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("spawning {}", bin.display()))?;
        let pid = child.id().context("the child has no pid")?;
        Ok(Haven {
            child,
            pid,
            spawned,
            spawned_wall,
            log,
        })
    }

    /// SIGTERM, then SIGKILL if it has not exited within 10 s.
    pub async fn stop(mut self) -> Stopped {
        let began = Instant::now();
        let term = std::process::Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let (status, killed) =
            match tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await {
                Ok(s) => (s.ok(), false),
                Err(_) => {
                    let _ = self.child.start_kill();
                    (self.child.wait().await.ok(), true)
                }
            };
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        Stopped {
            term_sent: term,
            code: status.and_then(|s| s.code()),
            exited: status.is_some(),
            killed,
            took: began.elapsed(),
            warnings: log
                .lines()
                .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// How a [`Haven`] stopped, and the warnings and errors it logged.
pub struct Stopped {
    term_sent: bool,
    code: Option<i32>,
    exited: bool,
    killed: bool,
    took: Duration,
    warnings: Vec<String>,
}

impl Stopped {
    pub fn print(&self) {
        let how = match (self.exited, self.killed, self.code) {
            (true, false, Some(0)) => {
                format!("exited 0 after SIGTERM in {} ms", self.took.as_millis())
            }
            (true, false, code) => format!(
                "!!! exited with {code:?} after SIGTERM in {} ms",
                self.took.as_millis()
            ),
            (true, true, _) => "!!! did not exit within 10 s of SIGTERM; SIGKILLed".to_owned(),
            (false, ..) => "!!! could not be waited for".to_owned(),
        };
        println!(
            "  haven {how}{}",
            if self.term_sent {
                ""
            } else {
                " (kill -TERM failed)"
            }
        );
        if !self.warnings.is_empty() {
            println!(
                "  haven logged {} warning/error line(s), first ones:",
                self.warnings.len()
            );
            for l in self.warnings.iter().take(5) {
                println!("    {l}");
            }
        }
    }
}

fn proc_status_kb(pid: u32, key: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(key))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Peak resident set size of a process, in kB.
pub fn vm_hwm_kb(pid: u32) -> Option<u64> {
    proc_status_kb(pid, "VmHWM:")
}

/// Current resident set size of a process, in kB.
pub fn vm_rss_kb(pid: u32) -> Option<u64> {
    proc_status_kb(pid, "VmRSS:")
}
