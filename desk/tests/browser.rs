//! The desk in a real browser: headless Chromium driven over WebDriver
//! (chromedriver, fantoccini) through one complaint's whole closed loop
//! (R7), by the three roles, with nothing but the pages' own forms.
//!
//! The test starts chromedriver itself (`CHROMEDRIVER`, else `chromedriver`
//! on `PATH`) and the desk on `127.0.0.1:0` over a fresh SQLite file. Without
//! chromedriver it prints that it was skipped and passes, unless `CI` is set
//! (`.ci/run` sources `.ci/browser.sh`, which installs it): then it fails.
//! Screenshots of the complaint page, the queue, the due page and the
//! supervisor's report page are written to `target/screenshots/`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use chrono::{DateTime, Duration, Timelike, Utc};
use complaint_desk::auth::users;
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::time::Zone;
use complaint_workflow::{Policy, Role};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The password of the three users.
const PASSWORD: &str = "a long enough password";

/// The browser window: small enough for the committed screenshots.
const WINDOW: (u32, u32) = (800, 1000);

/// chromedriver's path: `CHROMEDRIVER`, else `chromedriver` on `PATH`;
/// `None` with a notice when there is none. Under CI (`CI` set) a missing
/// chromedriver fails the test: `.ci/browser.sh` installs it.
fn chromedriver(test: &str) -> Option<PathBuf> {
    let named = std::env::var_os("CHROMEDRIVER")
        .filter(|path| !path.is_empty())
        .map(PathBuf::from);
    let found = named.or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("chromedriver"))
                .find(|path| path.is_file())
        })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: CI is set but chromedriver is not found (no CHROMEDRIVER, none on PATH); \
             source .ci/browser.sh to install it"
        );
        // Past the test harness's capture, so that the skip shows.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped, chromedriver is not found (set CHROMEDRIVER or put it on PATH)"
        );
    }
    found
}

/// A running chromedriver, in a process group of its own with the browsers
/// it starts; dropping it (also when the test fails) ends the group.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts `path` on a free port of 127.0.0.1 (`--port=0`) and reads the
    /// port it took from its first lines.
    fn start(path: &Path) -> Self {
        use std::os::unix::process::CommandExt;
        let mut child = Command::new(path)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
        let stdout = child.stdout.take().expect("piped stdout");
        let (ready, port) = std::sync::mpsc::channel();
        // Reads the port, then keeps draining what chromedriver prints so
        // that it never blocks on (or dies of) a full or closed pipe.
        std::thread::spawn(move || {
            let mut ready = Some(ready);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let port = line
                    .split("started successfully on port ")
                    .nth(1)
                    .and_then(|rest| rest.trim_end_matches('.').trim().parse::<u16>().ok());
                if let Some(port) = port {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(port);
                    }
                }
            }
        });
        let mut driver = Self { child, port: 0 };
        // The sender is dropped, and the receive fails, when chromedriver
        // exits without saying it started.
        driver.port = port.recv().unwrap_or_else(|_| {
            let status = driver.child.try_wait();
            panic!("chromedriver ended before it started: {status:?}")
        });
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the Chromium it started.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where the screenshots go: `target/screenshots/` of the target directory
/// this test was built in.
fn screenshot_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("screenshots")
}

/// A fixed offset at which `now` is between 13:00 and 14:00: the
/// customer's zone, so that the follow-up (called now) is outside the
/// default quiet hours (F4) whenever the test runs.
fn early_afternoon_offset(now: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let hour = i32::try_from(now.hour()).unwrap_or(0);
    // 13 - hour is in -10..=13: a valid UTC offset.
    format!("{:+03}:00", 13 - hour)
}

/// The browser, on the desk at `base`.
struct Browser {
    client: Client,
    base: String,
    /// The zone in which the desk's forms take times (the organization's).
    zone: Zone,
}

impl Browser {
    async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The current path.
    async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} on {}: {e}", self.base))
            .text()
            .await
            .unwrap()
    }

    async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// Types `text` into the input or textarea `id`, as a user would.
    async fn fill(&self, id: &str, text: &str) {
        let input = self.client.find(Locator::Id(id)).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    async fn choose(&self, id: &str, value: &str) {
        let select = self.client.find(Locator::Id(id)).await.unwrap();
        select.select_by_value(value).await.unwrap();
    }

    async fn tick(&self, id: &str) {
        let checkbox = self.client.find(Locator::Id(id)).await.unwrap();
        if !checkbox.is_selected().await.unwrap() {
            checkbox.click().await.unwrap();
        }
    }

    /// Sets the `datetime-local` input `id` to `time` in the desk's zone, to
    /// the second (typing into it depends on the browser's locale; its value
    /// does not). The browser keeps the value in HTML's normalized form, which
    /// leaves out the seconds when they are zero, so the value set is written
    /// that way too.
    async fn set_time(&self, id: &str, time: DateTime<Utc>) {
        let local = self.zone.to_local(time);
        let format = if local.second() == 0 {
            "%Y-%m-%dT%H:%M"
        } else {
            "%Y-%m-%dT%H:%M:%S"
        };
        let value = local.format(format).to_string();
        let input = self.client.find(Locator::Id(id)).await.unwrap();
        self.client
            .execute(
                "arguments[0].value = arguments[1]; return arguments[0].value;",
                vec![serde_json::to_value(&input).unwrap(), json!(value)],
            )
            .await
            .unwrap();
        assert_eq!(input.prop("value").await.unwrap().as_deref(), Some(&*value));
    }

    /// Sets the value of the input `id` (a `date` input's typing depends on
    /// the browser's locale; its value does not).
    async fn set_value(&self, id: &str, value: &str) {
        let input = self.client.find(Locator::Id(id)).await.unwrap();
        self.client
            .execute(
                "arguments[0].value = arguments[1]; return arguments[0].value;",
                vec![serde_json::to_value(&input).unwrap(), json!(value)],
            )
            .await
            .unwrap();
        assert_eq!(input.prop("value").await.unwrap().as_deref(), Some(value));
    }

    /// Clicks the submit button `css` and waits until the page it sent the
    /// browser to is loaded (a new document), then checks the page.
    async fn submit(&self, css: &str) {
        self.client
            .execute("window.deskPageBefore = true;", vec![])
            .await
            .unwrap();
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.wait_for_new_page().await;
        self.assert_every_control_is_labelled().await;
    }

    async fn wait_for_new_page(&self) {
        for _ in 0..600 {
            let loaded = self
                .client
                .execute(
                    "return window.deskPageBefore === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if loaded.ok().and_then(|v| v.as_bool()) == Some(true) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the form's answer never loaded ({})", self.path().await);
    }

    /// Every visible input, select and textarea of the page has a label.
    async fn assert_every_control_is_labelled(&self) {
        let unlabelled = self
            .client
            .execute(
                "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]\
                 .filter(e => e.labels.length === 0).map(e => e.id || e.name);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            unlabelled,
            json!([]),
            "inputs without a label on {}",
            self.path().await
        );
    }

    /// The page's error messages (a refused form shows them next to fields).
    async fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for error in self.client.find_all(Locator::Css(".error")).await.unwrap() {
            out.push(error.text().await.unwrap());
        }
        out
    }

    async fn sign_in(&self, name: &str) {
        self.goto("/sign-in").await;
        self.fill("sign-in-name", name).await;
        self.fill("sign-in-password", PASSWORD).await;
        self.submit("form[action='/sign-in'] button[type=submit]")
            .await;
        assert_eq!(self.path().await, "/queue", "{name} is not signed in");
        assert!(self.text(".who").await.starts_with(name));
    }

    async fn sign_out(&self) {
        self.submit("form[action='/sign-out'] button[type=submit]")
            .await;
        assert_eq!(self.path().await, "/sign-in");
        assert_eq!(self.count(".who").await, 0, "still signed in");
    }

    /// The event kinds of the complaint page's forms, in page order.
    async fn forms(&self) -> Vec<String> {
        let mut kinds = Vec::new();
        for details in self
            .client
            .find_all(Locator::Css("details.event-form"))
            .await
            .unwrap()
        {
            let id = details.attr("id").await.unwrap().unwrap_or_default();
            kinds.push(id.trim_start_matches("form-").to_owned());
        }
        kinds
    }

    /// Opens the form of `kind` on the complaint page (its `<details>`).
    async fn open(&self, kind: &str) {
        let details = self
            .client
            .find(Locator::Id(&format!("form-{kind}")))
            .await
            .unwrap_or_else(|_| panic!("no {kind} form on the page"));
        if details.attr("open").await.unwrap().is_none() {
            details
                .find(Locator::Css("summary"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
    }

    /// Submits the open form of `kind`, and checks what the viewer sees
    /// then: no error, the stage `stage`, one more moment on the timeline,
    /// the newest naming the event (`what`).
    async fn fire(&self, kind: &str, what: &str, stage: &str) {
        let before = self.count("ol.timeline > li").await;
        self.submit(&format!("#form-{kind} button[type=submit]"))
            .await;
        let errors = self.errors().await;
        assert!(errors.is_empty(), "{kind} refused: {errors:?}");
        assert_eq!(self.stage().await, stage, "after {kind}");
        let moments = self.count("ol.timeline > li").await;
        assert_eq!(moments, before + 1, "the timeline after {kind}");
        let newest = self.text("ol.timeline > li:last-child strong").await;
        assert_eq!(newest, what, "the newest moment after {kind}");
    }

    /// The stage the complaint page shows.
    async fn stage(&self) -> String {
        self.text("p.stage a").await
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

/// R7 in a browser: an agent files a complaint through the intake form
/// (R1), upholds it, records the investigation and proposes two remedies;
/// the agent's page has no approve form (only a supervisor approves); the
/// supervisor approves one; the agent executes it with the customer's
/// signature, attempts and completes the follow-up (F1, F3); the
/// supervisor reviews and closes, then asks the report form for the month
/// (S1, S2, S4), which counts the complaint. Every step is a form of the
/// page, its answer the stage and a timeline one moment longer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r7_a_complaint_goes_round_the_closed_loop_in_a_real_browser() {
    let test = "r7_a_complaint_goes_round_the_closed_loop_in_a_real_browser";
    let Some(path) = chromedriver(test) else {
        return;
    };
    let started = std::time::Instant::now();
    let driver = Driver::start(&path);

    // The desk on 127.0.0.1:0 over a fresh SQLite file, with its three users.
    let dir = tempfile::tempdir().unwrap();
    let store = startup::open(dir.path().join("desk.sqlite").to_str().unwrap())
        .await
        .unwrap();
    let pool = store.pool().clone();
    let settings = Settings {
        password_cost: PasswordCost::TESTING,
        ..Settings::default()
    };
    for (name, role) in [
        ("agent", Role::Agent),
        ("lead", Role::TeamLead),
        ("supervisor", Role::Supervisor),
    ] {
        users::add(&pool, name, role, PASSWORD, settings.password_cost)
            .await
            .unwrap();
    }
    let policy = Policy::default();
    let zone = policy.calendar().zone();
    let state = AppState::new(store, pool, policy, settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(startup::serve(listener, startup::router(state), async {
        let _ = stopped.await;
    }));

    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({"args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--lang=en-US",
            format!("--window-size={},{}", WINDOW.0, WINDOW.1),
        ]}),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .unwrap();
    let browser = Browser {
        client,
        base: format!("http://{address}"),
        zone,
    };

    // A page without a session sends the browser to sign in.
    browser.goto("/queue").await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.assert_every_control_is_labelled().await;

    // The agent files a complaint through the intake form (R1).
    browser.sign_in("agent").await;
    browser.goto("/complaints/new").await;
    browser.assert_every_control_is_labelled().await;
    browser.fill("accept-complainant-id", "customer-42").await;
    browser.tick("accept-complainant-member").await;
    let customer_zone = early_afternoon_offset(Utc::now());
    browser
        .fill("accept-complainant-zone", &customer_zone)
        .await;
    browser.choose("accept-channel", "phone").await;
    browser
        .fill(
            "accept-content",
            "The washing machine leaks after the repair",
        )
        .await;
    browser.fill("accept-category", "repair").await;
    browser.choose("accept-severity", "medium").await;
    browser.submit("#form-accept button[type=submit]").await;
    let errors = browser.errors().await;
    assert!(errors.is_empty(), "intake refused: {errors:?}");
    let page = browser.path().await;
    let id = page
        .strip_prefix("/complaints/")
        .unwrap_or_else(|| panic!("intake went to {page}"))
        .to_owned();
    assert_eq!(browser.stage().await, "Accepted");
    assert_eq!(browser.count("ol.timeline > li").await, 1);
    assert_eq!(
        browser.text("ol.timeline > li:last-child strong").await,
        "Accept the complaint"
    );

    let now = Utc::now();
    browser.open("uphold").await;
    browser
        .fill("uphold-responsible_department", "repairs")
        .await;
    browser
        .set_time("uphold-investigation_due", now + Duration::hours(20))
        .await;
    browser.fire("uphold", "Uphold", "Judged").await;

    // The queue and the due page list the complaint, its investigation due.
    let link = format!("a[href='/complaints/{id}']");
    browser.goto("/queue").await;
    assert_eq!(browser.count(&link).await, 1, "the queue lacks it");
    browser.screenshot("queue.png").await;
    browser.goto("/due").await;
    assert_eq!(browser.count(&link).await, 1, "the due page lacks it");
    browser.screenshot("due.png").await;
    browser.goto(&format!("/complaints/{id}")).await;

    browser.open("investigate").await;
    browser
        .choose("investigate-findings-root_cause", "quality")
        .await;
    browser
        .fill(
            "investigate-findings-description",
            "The seal was not replaced during the repair",
        )
        .await;
    browser
        .fill(
            "investigate-findings-responsible_parties-0-person",
            "tech-11",
        )
        .await;
    browser
        .fill(
            "investigate-findings-responsible_parties-0-department",
            "repairs",
        )
        .await;
    browser
        .choose(
            "investigate-findings-responsible_parties-0-responsibility",
            "direct",
        )
        .await;
    browser
        .fire("investigate", "Record the investigation", "Investigated")
        .await;

    browser.open("propose").await;
    browser
        .fill(
            "propose-options-0-description",
            "Repair the seal again, free of charge",
        )
        .await;
    browser
        .fill(
            "propose-options-1-description",
            "Repair the seal again and give a voucher",
        )
        .await;
    browser
        .fill("propose-options-1-compensation-amount_minor", "20000")
        .await;
    browser
        .fill("propose-options-1-compensation-currency", "CNY")
        .await;
    browser
        .choose("propose-options-1-compensation-kind", "voucher")
        .await;
    browser
        .fire("propose", "Propose remedies", "Remedies proposed")
        .await;

    // Only a supervisor approves: the agent's page has no approve form.
    let forms = browser.forms().await;
    assert!(!forms.is_empty(), "the agent has no form at all");
    assert!(
        !forms.iter().any(|kind| kind == "approve"),
        "the agent's page offers approve: {forms:?}"
    );
    assert_eq!(
        browser
            .count(&format!("form[action='/complaints/{id}/events/approve']"))
            .await,
        0
    );
    browser.sign_out().await;

    browser.sign_in("supervisor").await;
    browser.goto(&format!("/complaints/{id}")).await;
    assert!(browser.forms().await.iter().any(|kind| kind == "approve"));
    browser.open("approve").await;
    browser.choose("approve-option", "2").await;
    browser
        .fire("approve", "Approve a remedy", "Approved")
        .await;
    browser.sign_out().await;

    browser.sign_in("agent").await;
    browser.goto(&format!("/complaints/{id}")).await;
    assert_eq!(browser.stage().await, "Approved");
    browser.open("execute").await;
    browser
        .fill("execute-accountability-0-person", "tech-11")
        .await;
    browser
        .fill("execute-accountability-0-rule", "Repairs checklist, item 4")
        .await;
    browser
        .fill("execute-accountability-0-penalty", "Retraining")
        .await;
    browser.choose("execute-notification-method", "phone").await;
    browser
        .fill("execute-signature-reference", "SIG-0042")
        .await;
    browser
        .set_time("execute-signature-signed_at", Utc::now())
        .await;
    browser
        .fill("execute-feedback", "The customer thanked the technician")
        .await;
    browser
        .fire("execute", "Execute the remedy", "Executed")
        .await;

    browser.open("attempt_follow_up").await;
    browser.choose("attempt_follow_up-method", "phone").await;
    browser.tick("attempt_follow_up-reached").await;
    browser
        .fill("attempt_follow_up-note", "Reached on the second ring")
        .await;
    browser
        .fire("attempt_follow_up", "Follow-up attempt", "Executed")
        .await;

    browser.open("complete_follow_up").await;
    browser.choose("complete_follow_up-method", "phone").await;
    browser
        .choose("complete_follow_up-outcome-satisfaction", "satisfied")
        .await;
    browser
        .fill(
            "complete_follow_up-outcome-text",
            "Call before the technician comes",
        )
        .await;
    browser
        .fire("complete_follow_up", "Complete the follow-up", "Executed")
        .await;
    browser.sign_out().await;

    browser.sign_in("supervisor").await;
    browser.goto(&format!("/complaints/{id}")).await;
    browser.open("review").await;
    browser
        .fill(
            "review-summary",
            "Fixed on the second visit; the seal is now on the checklist",
        )
        .await;
    browser.choose("review-evaluation", "effective").await;
    browser
        .fill(
            "review-improvement_actions",
            "Add the seal to the checklist",
        )
        .await;
    browser.fire("review", "Review", "Reviewed").await;

    browser.open("close").await;
    browser.fire("close", "Close", "Closed").await;
    assert_eq!(browser.count("ol.timeline > li").await, 10);
    browser
        .client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .unwrap();
    browser.screenshot("complaint.png").await;

    // The supervisor's report of the month (S1, S2, S4), asked for through
    // the report form: the closed complaint counted, the charts drawn.
    browser.goto("/reports").await;
    browser.assert_every_control_is_labelled().await;
    browser.choose("period", "month").await;
    browser
        .set_value("date", &zone.to_local(Utc::now()).date().to_string())
        .await;
    browser
        .submit("form[action='/reports'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/reports");
    assert_eq!(browser.text("[data-key='s1.total.complaints']").await, "1");
    assert_eq!(browser.text("[data-key='s1.outcome.upheld']").await, "1");
    assert_eq!(browser.text("[data-key='s2.completed']").await, "1");
    assert!(browser.count("svg.chart[role=img] title").await >= 8);
    browser.screenshot("report.png").await;

    browser.client.close().await.unwrap();
    drop(driver);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    let _ = writeln!(
        std::io::stderr(),
        "{test}: the closed loop in Chromium took {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        screenshot_dir().display()
    );
}
