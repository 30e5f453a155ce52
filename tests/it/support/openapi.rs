//! Request-body checks for the fake Discord: Discord's OpenAPI 3.1 schema for REST v10, plus the
//! limits the schema does not express (command-name format, component layout, custom_id length,
//! bot message length).
//!
//! The spec is read once per process from `DISCORD_OPENAPI_SPEC` (an absolute path). Unset: the
//! schema check is skipped with a loud note on stderr (the hand-written checks still run).
//! Set but unreadable or not a spec: panic, so the test fails.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

/// Environment variable holding the absolute path of Discord's `openapi.json`.
pub const SPEC_ENV: &str = "DISCORD_OPENAPI_SPEC";

/// URI under which the spec document is registered for `$ref` resolution.
const SPEC_URI: &str = "urn:discord-openapi";

/// Longest `content` Discord accepts from a bot (the schema says 4000, the limit for bots is 2000).
pub const MAX_BOT_CONTENT: usize = 2000;
/// Longest total text of all embeds of one message.
pub const MAX_EMBED_TOTAL: usize = 6000;

type CachedValidator = Arc<Result<Validator, String>>;

/// The loaded spec and a validator cache keyed by (path template, method).
pub struct Spec {
    doc: Value,
    templates: Vec<(String, Vec<String>)>,
    validators: Mutex<HashMap<(String, String), CachedValidator>>,
}

static SPEC: OnceLock<Option<Spec>> = OnceLock::new();

/// The process-wide spec, or `None` when `DISCORD_OPENAPI_SPEC` is unset (prints a note once).
///
/// Panics when the variable is set but the file is missing or not an OpenAPI 3 document.
pub fn spec() -> Option<&'static Spec> {
    SPEC.get_or_init(|| match std::env::var_os(SPEC_ENV) {
        None => {
            // Straight to the stderr handle: libtest captures `eprintln!` of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "\n=== OpenAPI schema check SKIPPED: {SPEC_ENV} is not set \
                 (set it to the absolute path of discord-api-spec/openapi.json) ===\n"
            );
            None
        }
        Some(path) => {
            let path = std::path::PathBuf::from(path);
            match Spec::load(&path) {
                Ok(spec) => Some(spec),
                Err(e) => panic!("{SPEC_ENV}={}: {e}", path.display()),
            }
        }
    })
    .as_ref()
}

/// Whether request bodies are checked against the schema in this process.
pub fn enabled() -> bool {
    spec().is_some()
}

/// Every violation of `body` sent as `method path` (path without `/api/v10`, no query):
/// schema errors (when the spec is loaded) and the hand-written checks. Empty when clean.
pub fn check_request(method: &str, path: &str, body: &Value) -> Vec<String> {
    let mut out = match spec() {
        Some(spec) => spec.schema_violations(method, path, body),
        None => Vec::new(),
    };
    out.extend(manual_violations(method, path, body));
    out
}

impl Spec {
    /// Reads and sanity-checks the spec file.
    pub fn load(path: &std::path::Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
        Spec::from_value(doc)
    }

    /// Builds a spec from an already parsed document.
    pub fn from_value(mut doc: Value) -> Result<Spec, String> {
        let version = doc.get("openapi").and_then(Value::as_str).unwrap_or("");
        if !version.starts_with("3.") {
            return Err(format!("not an OpenAPI 3 document (openapi = {version:?})"));
        }
        let paths = doc
            .get("paths")
            .and_then(Value::as_object)
            .filter(|p| !p.is_empty())
            .ok_or("no `paths` in the document")?;
        if doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .is_none()
        {
            return Err("no `components.schemas` in the document".into());
        }
        let templates = paths
            .keys()
            .map(|t| (t.clone(), split(t)))
            .collect::<Vec<_>>();
        relax(&mut doc);
        Ok(Spec {
            doc,
            templates,
            validators: Mutex::new(HashMap::new()),
        })
    }

    /// The spec's path template matching a concrete path, preferring literal segments
    /// (`/webhooks/{id}/{token}/messages/@original` over `.../{message_id}`).
    pub fn route_template(&self, path: &str) -> Option<&str> {
        let segs = split(path);
        let mut best: Option<(&str, Vec<bool>)> = None;
        for (template, tsegs) in &self.templates {
            if tsegs.len() != segs.len() {
                continue;
            }
            let mut literal = Vec::with_capacity(segs.len());
            let mut ok = true;
            for (t, s) in tsegs.iter().zip(&segs) {
                if t.starts_with('{') && t.ends_with('}') {
                    literal.push(false);
                } else if t == s {
                    literal.push(true);
                } else {
                    ok = false;
                    break;
                }
            }
            // Compare left to right: a literal earlier in the path wins.
            if ok && best.as_ref().is_none_or(|(_, b)| literal > *b) {
                best = Some((template, literal));
            }
        }
        best.map(|(t, _)| t)
    }

    /// Schema violations of a request body; a body for a route or method absent from the spec
    /// is a violation too.
    pub fn schema_violations(&self, method: &str, path: &str, body: &Value) -> Vec<String> {
        let Some(template) = self.route_template(path) else {
            return vec![format!("no path in the OpenAPI spec matches {path}")];
        };
        let method = method.to_ascii_lowercase();
        let Some(op) = self.doc["paths"][template].get(&method) else {
            return vec![format!("the OpenAPI spec has no {method} for {template}")];
        };
        let Some(content) = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
        else {
            return vec![format!(
                "{method} {template} takes no request body in the OpenAPI spec"
            )];
        };
        let media = if content.contains_key("application/json") {
            "application/json"
        } else if let Some(first) = content.keys().next() {
            first.as_str()
        } else {
            return vec![format!("{method} {template}: empty requestBody.content")];
        };
        let validator = self.validator(template, &method, media);
        match validator.as_ref() {
            Err(e) => vec![format!(
                "cannot build a validator for {method} {template}: {e}"
            )],
            Ok(v) => v
                .iter_errors(body)
                .map(|e| {
                    let at = e.instance_path.to_string();
                    let at = if at.is_empty() { "/".to_owned() } else { at };
                    truncate(&format!("{at}: {e}"), 400)
                })
                .collect(),
        }
    }

    fn validator(&self, template: &str, method: &str, media: &str) -> CachedValidator {
        let key = (template.to_owned(), method.to_owned());
        if let Some(v) = self.validators.lock().unwrap().get(&key) {
            return v.clone();
        }
        let pointer = format!(
            "/paths/{}/{}/requestBody/content/{}/schema",
            pointer_escape(template),
            method,
            pointer_escape(media)
        );
        let reference = format!("{SPEC_URI}#{}", percent_encode_fragment(&pointer));
        let resource = Draft::Draft202012.create_resource(self.doc.clone());
        let built = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_resource(SPEC_URI, resource)
            .build(&json!({ "$ref": reference }))
            .map_err(|e| e.to_string());
        let v = Arc::new(built);
        self.validators.lock().unwrap().insert(key, v.clone());
        v
    }
}

/// Loosens the two places where the spec is stricter than what Discord accepts in requests (and
/// what serenity sends):
/// - permission fields (`allow`, `deny`, `permissions`, `default_member_permissions`) are typed
///   integer, but Discord documents that requests accept "both string or number values" and its
///   own objects carry them as decimal strings (serenity sends strings);
/// - `SnowflakeType` is a string, but Discord parses integer ids too (serenity sends the
///   attachment placeholder id of a new upload as an integer).
fn relax(doc: &mut Value) {
    if let Some(snowflake) = doc.pointer_mut("/components/schemas/SnowflakeType") {
        let strict = snowflake.take();
        *snowflake = json!({"anyOf": [strict, {"type": "integer", "minimum": 0}]});
    }
    relax_permissions(doc);
}

const PERMISSION_FIELDS: [&str; 4] = ["allow", "deny", "permissions", "default_member_permissions"];

fn relax_permissions(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Object(props)) = o.get_mut("properties") {
                for field in PERMISSION_FIELDS {
                    if let Some(schema) = props.get_mut(field) {
                        let integer = match &schema["type"] {
                            Value::String(t) => t == "integer",
                            Value::Array(ts) => ts.iter().any(|t| t == "integer"),
                            _ => false,
                        };
                        if integer {
                            let strict = schema.take();
                            *schema = json!({"anyOf": [
                                strict,
                                {"type": "string", "pattern": "^(0|[1-9][0-9]{0,19})$"}
                            ]});
                        }
                    }
                }
            }
            o.values_mut().for_each(relax_permissions);
        }
        Value::Array(a) => a.iter_mut().for_each(relax_permissions),
        _ => {}
    }
}

fn split(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn percent_encode_fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Cuts `s` to at most `max` characters, marking the cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// The checks the schema misses: bot message length, embed total, component layout and
/// custom_ids, application command names.
pub fn manual_violations(method: &str, path: &str, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let segs = split(path);
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let method = method.to_ascii_uppercase();

    // The message a body carries, if the route sends or edits one.
    let message = match (method.as_str(), segs.as_slice()) {
        ("POST", ["channels", _, "messages"])
        | ("PATCH", ["channels", _, "messages", _])
        | ("POST", ["webhooks", _, _])
        | ("PATCH", ["webhooks", _, _, "messages", _]) => Some(body),
        ("POST", ["interactions", _, _, "callback"]) => body.get("data"),
        _ => None,
    };
    if let Some(msg) = message {
        if let Some(content) = msg.get("content").and_then(Value::as_str) {
            let n = content.chars().count();
            if n > MAX_BOT_CONTENT {
                out.push(format!(
                    "content is {n} characters (a bot may send at most {MAX_BOT_CONTENT})"
                ));
            }
        }
        if let Some(embeds) = msg.get("embeds").and_then(Value::as_array) {
            let total: usize = embeds.iter().map(embed_text_len).sum();
            if total > MAX_EMBED_TOTAL {
                out.push(format!(
                    "embeds hold {total} characters in total (at most {MAX_EMBED_TOTAL})"
                ));
            }
        }
    }

    walk_containers(body, &mut out);

    let is_commands = matches!(
        segs.as_slice(),
        ["applications", _, "commands", ..] | ["applications", _, "guilds", _, "commands", ..]
    ) && !segs.contains(&"permissions");
    if is_commands && matches!(method.as_str(), "PUT" | "POST" | "PATCH") {
        match body {
            Value::Array(cmds) => {
                for (i, c) in cmds.iter().enumerate() {
                    check_command(c, &format!("[{i}]"), &mut out);
                }
            }
            c => check_command(c, "", &mut out),
        }
    }
    out
}

fn embed_text_len(e: &Value) -> usize {
    let len = |v: Option<&Value>| v.and_then(Value::as_str).map_or(0, |s| s.chars().count());
    let mut n = len(e.get("title"))
        + len(e.get("description"))
        + len(e.pointer("/footer/text"))
        + len(e.pointer("/author/name"));
    if let Some(fields) = e.get("fields").and_then(Value::as_array) {
        n += fields
            .iter()
            .map(|f| len(f.get("name")) + len(f.get("value")))
            .sum::<usize>();
    }
    n
}

fn command_name_regex() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    // Discord's documented rule for CHAT_INPUT command and option names.
    RE.get_or_init(|| regex::Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").unwrap())
}

/// Whether `name` is a valid CHAT_INPUT command or option name (format and lowercase).
pub fn valid_chat_input_name(name: &str) -> bool {
    command_name_regex().is_match(name)
        && name
            .chars()
            .all(|c| c.to_lowercase().eq(std::iter::once(c)))
}

fn check_command(cmd: &Value, at: &str, out: &mut Vec<String>) {
    let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = cmd.get("name").and_then(Value::as_str).unwrap_or("");
    if kind == 1 {
        if !valid_chat_input_name(name) {
            out.push(format!(
                "command{at} name {name:?} must match ^[-_'\\p{{L}}\\p{{N}}]{{1,32}}$ and be lowercase"
            ));
        }
        if let Some(opts) = cmd.get("options").and_then(Value::as_array) {
            check_options(opts, &format!("command{at} {name:?}"), out);
        }
    } else {
        let n = name.chars().count();
        if !(1..=32).contains(&n) {
            out.push(format!("command{at} name {name:?} must be 1-32 characters"));
        }
    }
}

fn check_options(opts: &[Value], at: &str, out: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for o in opts {
        let name = o.get("name").and_then(Value::as_str).unwrap_or("");
        if !valid_chat_input_name(name) {
            out.push(format!(
                "{at} option name {name:?} must match ^[-_'\\p{{L}}\\p{{N}}]{{1,32}}$ and be lowercase"
            ));
        }
        if !seen.insert(name) {
            out.push(format!("{at} has two options named {name:?}"));
        }
        if let Some(sub) = o.get("options").and_then(Value::as_array) {
            check_options(sub, &format!("{at} / {name:?}"), out);
        }
    }
}

/// Finds every component container (a message body or modal: an object with a `components`
/// array and no `type`) and checks it.
fn walk_containers(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(rows)) = o.get("components") {
                if !o.contains_key("type") {
                    check_container(o, rows, out);
                    return;
                }
            }
            for (k, child) in o {
                if k != "embeds" {
                    walk_containers(child, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk_containers(x, out)),
        _ => {}
    }
}

const SELECT_TYPES: [u64; 5] = [3, 5, 6, 7, 8];
const IS_COMPONENTS_V2: u64 = 1 << 15;

fn check_container(o: &serde_json::Map<String, Value>, rows: &[Value], out: &mut Vec<String>) {
    let v2 = o
        .get("flags")
        .and_then(Value::as_u64)
        .is_some_and(|f| f & IS_COMPONENTS_V2 != 0);
    let is_modal = o.contains_key("title");
    if !v2 && rows.len() > 5 {
        out.push(format!("{} action rows (at most 5)", rows.len()));
    }
    for (i, row) in rows.iter().enumerate() {
        let kind = row.get("type").and_then(Value::as_u64);
        if kind != Some(1) {
            if !v2 {
                out.push(format!(
                    "components[{i}] has type {kind:?}: top-level components must be action rows"
                ));
            }
            continue;
        }
        let children = row
            .get("components")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let n = children.len();
        if !(1..=5).contains(&n) {
            out.push(format!("action row {i} has {n} components (1 to 5)"));
        }
        let types: Vec<u64> = children
            .iter()
            .filter_map(|c| c.get("type").and_then(Value::as_u64))
            .collect();
        let buttons = types.iter().filter(|t| **t == 2).count();
        if buttons > 5 {
            out.push(format!("action row {i} has {buttons} buttons (at most 5)"));
        }
        if types.iter().any(|t| SELECT_TYPES.contains(t)) && n > 1 {
            out.push(format!(
                "action row {i} mixes a select menu with other components"
            ));
        }
        if is_modal && n != 1 {
            out.push(format!(
                "modal action row {i} has {n} components (exactly 1 text input)"
            ));
        }
    }
    let mut ids = Vec::new();
    for row in rows {
        collect_custom_ids(row, &mut ids);
    }
    let mut seen = HashSet::new();
    for id in &ids {
        check_custom_id(id, out);
        if !seen.insert(id.as_str()) {
            out.push(format!("custom_id {id:?} is used twice in one message"));
        }
    }
    if let Some(id) = o.get("custom_id").and_then(Value::as_str) {
        check_custom_id(id, out);
    }
}

fn check_custom_id(id: &str, out: &mut Vec<String>) {
    let n = id.chars().count();
    if !(1..=100).contains(&n) {
        out.push(format!(
            "custom_id {:?} is {n} characters (1 to 100)",
            truncate(id, 120)
        ));
    }
}

fn collect_custom_ids(v: &Value, ids: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(id) = o.get("custom_id").and_then(Value::as_str) {
                ids.push(id.to_owned());
            }
            o.values().for_each(|c| collect_custom_ids(c, ids));
        }
        Value::Array(a) => a.iter().for_each(|c| collect_custom_ids(c, ids)),
        _ => {}
    }
}
