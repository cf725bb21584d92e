//! The authorization matrix: every event kind × every role, applied to a
//! complaint in a stage that accepts the event, with data valid for the
//! event's rule. A role at or above [`Role::required_for`] the kind applies
//! the event (R4: only a supervisor approves; R6: only a supervisor
//! reviews); a lower role is refused with [`TransitionError::Unauthorized`]
//! and the complaint is unchanged.
//!
//! `docs/authorization.md` is the same matrix as a table, generated from the
//! code: a change to the role table without the document fails here. To
//! write the document again: `UPDATE_DOCS=1 cargo test --test integration
//! authorization`.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Actor, Category, ComplaintRecord, Department, Event, EventKind, Role, Severity, StageKind,
    TRANSITIONS, TransitionError,
    deadline::{AlarmLevel, DeadlineKind},
    event::{
        Assign, AwaitCustomer, AwaitThirdParty, ChooseRemedy, Close, Contact, ContactMethod,
        CustomerReplied, Decline, Dispute, Escalate, ExtendDeadline, GiveUpFollowUp, Handover,
        PersonalDataErased, ProgressUpdate, RaiseAlarm, Reclassify, Redact, RedactionTarget,
        Reopen, RepeatContact, RescheduleFollowUp, ThirdPartyReplied, Transfer, Withdraw,
    },
};

use super::support::{
    accept, accept_of, agent, attempt_follow_up, complete_follow_up, ctx, dismiss, execute,
    investigate, last_time, minute, new_record, note, propose, record_in, refer, referral_outcome,
    refuse_record, resolve_on_first_contact, review, start, supervisor, team_lead, uphold,
};

/// An actor of `role`: the walks' own actors, so that ownership and the
/// intake agent are the usual ones.
fn actor_of(role: Role) -> Actor {
    match role {
        Role::Agent => agent(),
        Role::TeamLead => team_lead(),
        Role::Supervisor => supervisor(),
    }
}

/// A complaint ready for an event: a stage that accepts it, the event with
/// data valid for its rule, and a time after the last entry.
pub struct Ready {
    pub record: ComplaintRecord,
    pub event: Event,
    pub at: DateTime<Utc>,
}

fn applied(
    mut record: ComplaintRecord,
    steps: Vec<(Actor, DateTime<Utc>, Event)>,
) -> ComplaintRecord {
    for (actor, at, event) in steps {
        let kind = event.kind();
        if let Err(error) = record.apply(event, &ctx(actor, at)) {
            panic!("setting up: `{kind}` refused: {error}");
        }
    }
    record
}

/// `event` on a complaint walked to `stage`, ten minutes after the walk.
fn after_walk(stage: StageKind, event: impl Into<Event>) -> Ready {
    Ready {
        record: record_in(stage),
        event: event.into(),
        at: last_time(stage) + Duration::minutes(10),
    }
}

/// A reviewed complaint whose follow-up is completed (minutes 70 and 80):
/// it can be reopened and closed.
fn reviewed_and_followed_up() -> ComplaintRecord {
    applied(
        record_in(StageKind::Reviewed),
        vec![
            (agent(), minute(70), attempt_follow_up(true).into()),
            (agent(), minute(80), complete_follow_up().into()),
        ],
    )
}

/// For every kind but `accept` (which creates a complaint and has no
/// stage), a complaint ready for it. `actor` matters only to the fast path
/// (T5), which the agent who accepted the complaint takes.
pub fn ready_for(kind: EventKind, actor: &Actor) -> Ready {
    let reason = "The customer asked for it".to_owned();
    match kind {
        EventKind::Accept => panic!("no stage accepts `accept`: it creates the complaint"),
        EventKind::Uphold => after_walk(StageKind::Accepted, uphold(minute(10))),
        EventKind::Dismiss => after_walk(StageKind::Accepted, dismiss()),
        EventKind::Investigate => after_walk(StageKind::Judged, investigate()),
        EventKind::Propose => after_walk(StageKind::Investigated, propose()),
        EventKind::ChooseRemedy => after_walk(StageKind::Proposed, ChooseRemedy { option: 1 }),
        EventKind::Approve => after_walk(
            StageKind::Proposed,
            complaint_workflow::event::Approve { option: 1 },
        ),
        EventKind::Decline => after_walk(StageKind::Approved, Decline { reason }),
        EventKind::Execute => after_walk(StageKind::Approved, execute(minute(50))),
        EventKind::Review => after_walk(StageKind::Executed, review()),
        EventKind::Reopen => Ready {
            record: reviewed_and_followed_up(),
            event: Reopen { reason }.into(),
            at: minute(90),
        },
        EventKind::Dispute => Ready {
            record: reviewed_and_followed_up(),
            event: Dispute { reason }.into(),
            at: minute(90),
        },
        EventKind::Refer => after_walk(StageKind::Executed, refer()),
        EventKind::RecordReferralOutcome => after_walk(StageKind::Referred, referral_outcome()),
        EventKind::Withdraw => after_walk(StageKind::Accepted, Withdraw { reason }),
        EventKind::AddNote => after_walk(StageKind::Accepted, note("Called the shop")),
        EventKind::Contact => after_walk(
            StageKind::Accepted,
            Contact {
                method: ContactMethod::Phone,
                summary: "Explained the next steps".into(),
                callback_due: Some(minute(24 * 60)),
            },
        ),
        EventKind::Assign => after_walk(
            StageKind::Accepted,
            Assign {
                owner: "agent-9".into(),
            },
        ),
        EventKind::Transfer => after_walk(
            StageKind::Accepted,
            Transfer {
                department: Department::new("workshop"),
                owner: Some("workshop-2".into()),
                reason,
                tracking_due: minute(24 * 60),
            },
        ),
        EventKind::AwaitCustomer => after_walk(StageKind::Accepted, AwaitCustomer { reason }),
        EventKind::CustomerReplied => Ready {
            record: applied(
                new_record(),
                vec![(agent(), minute(10), AwaitCustomer { reason }.into())],
            ),
            event: CustomerReplied {
                summary: "Sent the photos".into(),
            }
            .into(),
            at: minute(20),
        },
        EventKind::ProgressUpdate => after_walk(
            StageKind::Judged,
            ProgressUpdate {
                method: ContactMethod::Email,
                summary: "The investigation is under way".into(),
            },
        ),
        EventKind::AwaitThirdParty => after_walk(
            StageKind::Accepted,
            AwaitThirdParty {
                party: "The courier".into(),
                reason,
            },
        ),
        EventKind::ThirdPartyReplied => Ready {
            record: applied(
                new_record(),
                vec![(
                    agent(),
                    minute(10),
                    AwaitThirdParty {
                        party: "The courier".into(),
                        reason,
                    }
                    .into(),
                )],
            ),
            event: ThirdPartyReplied {
                summary: "The courier found the parcel".into(),
            }
            .into(),
            at: minute(20),
        },
        // W2: the complaint turns out to be critical, and about billing.
        EventKind::Reclassify => after_walk(
            StageKind::Judged,
            Reclassify {
                severity: Severity::Critical,
                category: Category::new("billing"),
                reason,
            },
        ),
        EventKind::ExtendDeadline => {
            let record = record_in(StageKind::Judged);
            let investigation = record
                .deadlines()
                .iter()
                .find(|deadline| deadline.kind() == DeadlineKind::Investigation)
                .expect("an upheld complaint has an investigation deadline");
            let event = ExtendDeadline {
                deadline: investigation.id(),
                due: investigation.due() + Duration::days(1),
                reason,
            };
            Ready {
                record,
                event: event.into(),
                at: minute(20),
            }
        }
        // W1: the investigation deadline's breach, raised after its due time.
        EventKind::RaiseAlarm => {
            let record = record_in(StageKind::Judged);
            let investigation = record
                .deadlines()
                .iter()
                .find(|deadline| deadline.kind() == DeadlineKind::Investigation)
                .expect("an upheld complaint has an investigation deadline");
            let event = RaiseAlarm {
                deadline: investigation.id(),
                level: AlarmLevel::Breached,
            };
            Ready {
                at: investigation.due() + Duration::minutes(1),
                record,
                event: event.into(),
            }
        }
        EventKind::Escalate => after_walk(
            StageKind::Accepted,
            Escalate {
                to: Role::TeamLead,
                owner: None,
                reason,
                step: None,
            },
        ),
        EventKind::RepeatContact => after_walk(
            StageKind::Accepted,
            RepeatContact {
                channel: complaint_workflow::Channel::Phone,
                content: "Called again about the leak".into(),
            },
        ),
        EventKind::Handover => after_walk(
            StageKind::Accepted,
            Handover {
                to: "agent-9".into(),
                note: "Waiting for the technician's report".into(),
            },
        ),
        EventKind::ResolveOnFirstContact => {
            let form = accept_of(
                complaint_workflow::Complainant::member("customer-42"),
                start(),
                "missing_part",
                Severity::Low,
            );
            let record = ComplaintRecord::accept(form, &ctx(actor.clone(), start()))
                .expect("a valid acceptance");
            Ready {
                record,
                event: resolve_on_first_contact().into(),
                at: minute(3),
            }
        }
        EventKind::AttemptFollowUp => after_walk(StageKind::Executed, attempt_follow_up(true)),
        EventKind::RescheduleFollowUp => after_walk(
            StageKind::Executed,
            RescheduleFollowUp {
                at: minute(24 * 60 + 60),
                customer_requested: false,
            },
        ),
        EventKind::CompleteFollowUp => Ready {
            record: applied(
                record_in(StageKind::Executed),
                vec![(agent(), minute(60), attempt_follow_up(true).into())],
            ),
            event: complete_follow_up().into(),
            at: minute(70),
        },
        EventKind::GiveUpFollowUp => Ready {
            record: applied(
                record_in(StageKind::Executed),
                (0..3)
                    .map(|n| {
                        (
                            agent(),
                            minute(60 + 10 * n),
                            attempt_follow_up(false).into(),
                        )
                    })
                    .collect(),
            ),
            event: GiveUpFollowUp {
                note: "Three calls, no answer".into(),
            }
            .into(),
            at: minute(90),
        },
        EventKind::Close => Ready {
            record: reviewed_and_followed_up(),
            event: Close { note: None }.into(),
            at: minute(90),
        },
        EventKind::PersonalDataErased => after_walk(
            StageKind::Accepted,
            PersonalDataErased {
                reason: "The customer asked for erasure".into(),
            },
        ),
        EventKind::Redact => after_walk(
            StageKind::Accepted,
            Redact {
                reason: "The customer asked for erasure".into(),
                target: RedactionTarget::AllPersonalText,
            },
        ),
    }
}

/// R1: every role may accept a complaint (the lowest role for `accept` is
/// the agent), and the entry records who did.
#[test]
fn r1_every_role_may_accept() {
    assert_eq!(Role::required_for(EventKind::Accept), Role::Agent);
    for role in Role::ALL {
        let actor = actor_of(role);
        let record = ComplaintRecord::accept(accept(), &ctx(actor.clone(), start()))
            .unwrap_or_else(|error| panic!("{role} may accept: {error}"));
        assert_eq!(record.entries()[0].actor(), &actor);
        assert_eq!(record.intake_actor(), &actor);
    }
}

/// R4, R6: the whole matrix. Each cell applies the event in a stage that
/// accepts it, with valid data: allowed cells apply it and move the
/// complaint as the transition table says; forbidden cells are refused with
/// `Unauthorized`, naming the actor, the role required and the role found,
/// and leave the complaint unchanged.
#[test]
fn r4_r6_every_event_by_every_role() {
    let mut allowed_cells = 0;
    let mut forbidden_cells = 0;
    for kind in EventKind::ALL {
        if kind == EventKind::Accept {
            continue;
        }
        for role in Role::ALL {
            let actor = actor_of(role);
            let Ready {
                mut record,
                event,
                at,
            } = ready_for(kind, &actor);
            assert_eq!(event.kind(), kind);
            let stage = record.stage();
            assert!(record.can(kind), "the setup for `{kind}` is in {stage}");
            let allowed = role >= Role::required_for(kind);
            assert_eq!(actor.may(kind), allowed);
            assert_eq!(
                record.allowed_events_for(&actor).any(|k| k == kind),
                allowed,
                "`{kind}` offered to {role} in {stage}"
            );
            let context = ctx(actor.clone(), at);
            if allowed {
                allowed_cells += 1;
                let version = record.version();
                let entries = record
                    .apply(event.clone(), &context)
                    .unwrap_or_else(|error| panic!("`{kind}` by {role} in {stage}: {error}"))
                    .to_vec();
                assert_eq!(entries.len(), 1);
                assert_eq!(entries[0].event(), &event);
                assert_eq!(entries[0].actor(), &actor);
                assert_eq!(record.version(), version + 1);
                assert_eq!(Some(record.stage()), stage.after(kind));
            } else {
                forbidden_cells += 1;
                let error = refuse_record(&mut record, event, &context);
                assert_eq!(
                    error,
                    TransitionError::Unauthorized {
                        event: kind,
                        actor: actor.id.clone(),
                        required: Role::required_for(kind),
                        found: role,
                    },
                    "`{kind}` by {role} in {stage}"
                );
            }
        }
    }
    // Approve, review, extend_deadline, record_referral_outcome,
    // personal_data_erased, redact: not by an agent nor a team lead; W2's
    // reclassify: not by an agent.
    assert_eq!(forbidden_cells, 13);
    assert_eq!(allowed_cells, 3 * (EventKind::COUNT - 1) - 13);
}

/// R4, R6: the role check does not depend on the stage: in every stage that
/// accepts an event, a role below the one required is refused with
/// `Unauthorized` (before any check of the event's data or time).
#[test]
fn r4_r6_unauthorized_in_every_stage_that_accepts_the_event() {
    for row in TRANSITIONS {
        let required = Role::required_for(row.event);
        for role in Role::ALL.into_iter().filter(|&role| role < required) {
            let actor = actor_of(role);
            let event = ready_for(row.event, &actor).event;
            let mut record = record_in(row.from);
            let context = ctx(actor.clone(), last_time(row.from) + Duration::minutes(10));
            let error = refuse_record(&mut record, event, &context);
            assert_eq!(
                error,
                TransitionError::Unauthorized {
                    event: row.event,
                    actor: actor.id.clone(),
                    required,
                    found: role,
                },
                "`{}` by {role} in {}",
                row.event,
                row.from
            );
        }
    }
}

// ---- docs/authorization.md ------------------------------------------------------

fn docs_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/authorization.md")
}

/// The matrix as markdown, from [`Role::required_for`], [`Role::ALL`],
/// [`EventKind::ALL`] and the transition table.
fn authorization_markdown() -> String {
    let mut out = String::new();
    out.push_str("# Who may fire which event\n\n");
    out.push_str(
        "Generated from the code (`Role::required_for` and the transition table) by\n\
         `tests/integration/authorization.rs`, which fails when this file and the code\n\
         disagree. Do not edit it by hand: after changing the role table, write it\n\
         again with\n\n\
         ```sh\n\
         UPDATE_DOCS=1 cargo test --test integration authorization\n\
         ```\n\n",
    );
    out.push_str(
        "Roles are ordered, `agent` < `team_lead` < `supervisor`: a role may fire an\n\
         event when it is at least the event's lowest role. A lower role is refused\n\
         with `TransitionError::Unauthorized`, and the complaint is unchanged. The\n\
         role is checked after the stage (an event the stage does not accept is\n\
         `NotAllowed` for every role) and before the event's own rules.\n\n",
    );
    out.push_str("| event | lowest role |");
    for role in Role::ALL {
        let _ = write!(out, " {role} |");
    }
    out.push_str(" accepted in |\n|-------|-------------|");
    for role in Role::ALL {
        out.push_str(&"-".repeat(role.name().len() + 2));
        out.push('|');
    }
    out.push_str("-------------|\n");
    for kind in EventKind::ALL {
        let required = Role::required_for(kind);
        let _ = write!(out, "| `{kind}` | `{required}` |");
        for role in Role::ALL {
            let _ = write!(out, " {} |", if role >= required { "yes" } else { "no" });
        }
        let stages: Vec<String> = StageKind::ALL
            .into_iter()
            .filter(|stage| stage.accepts(kind))
            .map(|stage| format!("`{stage}`"))
            .collect();
        if stages.is_empty() {
            out.push_str(" no stage: it creates the complaint |\n");
        } else {
            let _ = writeln!(out, " {} |", stages.join(", "));
        }
    }
    out
}

/// `docs/authorization.md` is the matrix the code gives; with
/// `UPDATE_DOCS=1`, the test writes it first.
#[test]
fn the_authorization_document_is_generated_from_the_code() {
    let expected = authorization_markdown();
    let path = docs_path();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error}; write it with UPDATE_DOCS=1",
            path.display()
        )
    });
    assert_eq!(
        actual, expected,
        "docs/authorization.md is stale: write it again with UPDATE_DOCS=1"
    );
}

/// The generated table says what the matrix test proves: one row per event
/// kind, `no` exactly in the forbidden cells.
#[test]
fn the_authorization_document_has_a_row_per_event() {
    let markdown = authorization_markdown();
    let mut forbidden = 0;
    for kind in EventKind::ALL {
        let row = markdown
            .lines()
            .find(|line| line.starts_with(&format!("| `{kind}` |")))
            .unwrap_or_else(|| panic!("no row for `{kind}`"));
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        for (index, role) in Role::ALL.into_iter().enumerate() {
            let expected = if actor_of(role).may(kind) {
                "yes"
            } else {
                "no"
            };
            assert_eq!(cells[2 + index], expected, "`{kind}` for {role}");
            forbidden += usize::from(expected == "no");
        }
    }
    assert_eq!(forbidden, 13);
}

/// The categories the fast path takes are the policy's: the setup for T5
/// uses one of them, so that the matrix cell is a real application.
#[test]
fn t5_the_fast_path_setup_is_simple() {
    let policy = &*super::support::POLICY;
    let fast = policy.fast_path().expect("the test policy has a fast path");
    assert!(fast.categories.contains(&Category::new("missing_part")));
}
