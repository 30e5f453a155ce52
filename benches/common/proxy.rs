//! A rate-limit proxy between haven processes and the fake Discord, as a host runs
//! twilight-http-proxy: every REST request of every process goes through it and leaves it
//! paced under one global limit, so two processes share the limit instead of each assuming
//! all of it. It paces with haven's own [`Pacer`] (evenly at 96% of the limit, never more than
//! the limit in any 1.03 s); the fake counts on its side, so a proxy letting too much through
//! shows up as 429s.
//!
//! Only REST goes through it; the gateway URL the fake hands out points at the fake itself.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use haven::discord::sender::Pacer;
use haven::domain::delivery::Pace;

pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
}

struct Shared {
    upstream: String,
    client: reqwest::Client,
    pacer: Pacer,
    forwarded: AtomicUsize,
    failed: AtomicUsize,
}

impl Proxy {
    /// Binds 127.0.0.1:0 and forwards every request to `upstream` (`http://127.0.0.1:PORT`),
    /// paced under `limit` requests a second.
    pub async fn start(upstream: String, limit: u32) -> anyhow::Result<Proxy> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared {
            upstream,
            client: reqwest::Client::builder()
                .no_proxy()
                .pool_max_idle_per_host(256)
                .tcp_nodelay(true)
                .build()?,
            pacer: Pacer::new(Pace::under_global_limit(limit)),
            forwarded: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
        });
        let app = Router::new().fallback(forward).with_state(shared.clone());
        let (stop, mut stopped) = watch::channel(false);
        let server = tokio::spawn(async move {
            let listener =
                axum::serve::ListenerExt::tap_io(listener, |t: &mut tokio::net::TcpStream| {
                    let _ = t.set_nodelay(true);
                });
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await;
        });
        Ok(Proxy {
            port,
            shared,
            stop,
            server,
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Requests forwarded, and requests the upstream could not be reached for (answered 502).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.shared.forwarded.load(Ordering::Relaxed),
            self.shared.failed.load(Ordering::Relaxed),
        )
    }

    pub async fn shutdown(self) {
        self.stop.send_replace(true);
        let mut server = self.server;
        if tokio::time::timeout(std::time::Duration::from_secs(5), &mut server)
            .await
            .is_err()
        {
            server.abort();
        }
    }
}

async fn forward(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    s.pacer.wait().await;
    let url = format!(
        "{}{}",
        s.upstream,
        uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut req = s.client.request(method, url).body(body);
    for (name, value) in &headers {
        if name != header::HOST && name != header::CONTENT_LENGTH && name != header::CONNECTION {
            req = req.header(name, value);
        }
    }
    let answer = match req.send().await {
        Ok(r) => {
            let status = r.status();
            let headers = r.headers().clone();
            r.bytes().await.map(|b| (status, headers, b))
        }
        Err(e) => Err(e),
    };
    match answer {
        Ok((status, headers, bytes)) => {
            s.forwarded.fetch_add(1, Ordering::Relaxed);
            let mut resp = Response::new(Body::from(bytes));
            *resp.status_mut() = status;
            for (name, value) in &headers {
                if name != header::CONTENT_LENGTH
                    && name != header::TRANSFER_ENCODING
                    && name != header::CONNECTION
                {
                    resp.headers_mut().append(name, value.clone());
                }
            }
            resp
        }
        Err(_) => {
            s.failed.fetch_add(1, Ordering::Relaxed);
            let mut resp = Response::new(Body::from("upstream unreachable"));
            *resp.status_mut() = StatusCode::BAD_GATEWAY;
            resp
        }
    }
}
