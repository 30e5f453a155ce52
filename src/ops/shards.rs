//! Which gateway shards this process owns and which of them are connected, for `/healthz`
//! and the metrics.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// What the process connects to Discord with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// Not known yet (the process is starting).
    Starting,
    /// The gateway, with these shards.
    Gateway(BTreeSet<u32>),
    /// HTTP interactions: no gateway at all.
    NoGateway,
}

#[derive(Debug)]
struct State {
    mode: Mode,
    connected: BTreeMap<u32, bool>,
    ever_connected: BTreeSet<u32>,
}

/// The gateway's state as `/healthz` judges it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayHealth {
    /// Every owned shard is connected (or there is no gateway in this mode).
    Ok,
    /// Which shards were not known yet or are not connected.
    Starting,
    Disconnected {
        connected: usize,
        owned: usize,
    },
}

impl GatewayHealth {
    pub fn is_ok(&self) -> bool {
        *self == GatewayHealth::Ok
    }

    /// A short description for the health answer (no ids of anything but shards).
    pub fn describe(&self) -> String {
        match self {
            GatewayHealth::Ok => "ok".into(),
            GatewayHealth::Starting => "not connected yet".into(),
            GatewayHealth::Disconnected { connected, owned } => {
                format!("{connected} of {owned} shards connected")
            }
        }
    }
}

/// The change one stage update made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The shard connected again after having been connected before.
    pub reconnected: bool,
    /// Owned shards connected now.
    pub connected: usize,
}

#[derive(Debug)]
pub struct Shards {
    state: Mutex<State>,
}

impl Default for Shards {
    fn default() -> Self {
        Shards {
            state: Mutex::new(State {
                mode: Mode::Starting,
                connected: BTreeMap::new(),
                ever_connected: BTreeSet::new(),
            }),
        }
    }
}

impl Shards {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The process runs these gateway shards (called once the shard list is known).
    pub fn own(&self, ids: impl IntoIterator<Item = u32>) {
        let mut st = self.lock();
        st.mode = Mode::Gateway(ids.into_iter().collect());
    }

    /// The process receives interactions over HTTP and runs no shard.
    pub fn no_gateway(&self) {
        self.lock().mode = Mode::NoGateway;
    }

    /// Records whether `shard` is connected now.
    pub fn set_connected(&self, shard: u32, connected: bool) -> Change {
        let mut st = self.lock();
        let was = st.connected.insert(shard, connected).unwrap_or(false);
        let reconnected = connected && !was && !st.ever_connected.insert(shard);
        Change {
            reconnected,
            connected: connected_owned(&st),
        }
    }

    pub fn health(&self) -> GatewayHealth {
        let st = self.lock();
        match &st.mode {
            Mode::Starting => GatewayHealth::Starting,
            Mode::NoGateway => GatewayHealth::Ok,
            Mode::Gateway(owned) => {
                let connected = connected_owned(&st);
                if connected == owned.len() && !owned.is_empty() {
                    GatewayHealth::Ok
                } else {
                    GatewayHealth::Disconnected {
                        connected,
                        owned: owned.len(),
                    }
                }
            }
        }
    }
}

fn connected_owned(st: &State) -> usize {
    match &st.mode {
        Mode::Gateway(owned) => owned
            .iter()
            .filter(|s| st.connected.get(s).copied().unwrap_or(false))
            .count(),
        _ => st.connected.values().filter(|c| **c).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthy_only_when_every_owned_shard_is_connected() {
        let s = Shards::default();
        assert_eq!(s.health(), GatewayHealth::Starting);
        s.own([0, 1]);
        assert!(!s.health().is_ok());
        let first = s.set_connected(0, true);
        assert_eq!(
            first,
            Change {
                reconnected: false,
                connected: 1
            }
        );
        assert_eq!(
            s.health(),
            GatewayHealth::Disconnected {
                connected: 1,
                owned: 2
            }
        );
        s.set_connected(1, true);
        assert!(s.health().is_ok());
        // A shard this process does not own changes nothing.
        s.set_connected(7, false);
        assert!(s.health().is_ok());
        s.set_connected(1, false);
        assert!(!s.health().is_ok());
        assert_eq!(s.health().describe(), "1 of 2 shards connected");
        let again = s.set_connected(1, true);
        assert!(again.reconnected);
        assert!(s.health().is_ok());
        // Connected twice in a row is not a reconnect.
        assert!(!s.set_connected(1, true).reconnected);
    }

    #[test]
    fn without_a_gateway_shards_do_not_matter() {
        let s = Shards::default();
        s.no_gateway();
        assert!(s.health().is_ok());
    }
}
