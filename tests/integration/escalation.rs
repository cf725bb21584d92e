//! Escalation, repeat contacts, shift handover and notes (docs/rules.md, E1–E6),
//! and the fast path for simple after-sales complaints (T5), one test or more
//! per rule.

use chrono::Duration;
use complaint_workflow::error::{FastPathError, FieldError, HandlingError, RemedyError};
use complaint_workflow::{
    Actor, ActorId, Category, Channel, Complaint, ComplaintRecord, Context, Event, EventKind,
    Policy, Role, Severity, StageKind, TransitionError,
    contacts::{ContactMatch, IncomingContact},
    event::{Accept, Escalate, Handover, RemedyOption, RepeatContact},
    followup::FollowUpStageKind,
    policy::EscalationRule,
    shifts::{ShiftRoster, left_without_handover},
};

use super::support::{
    POLICY, accept, accept_of, agent, attempt_follow_up, ctx, last_time, minute, note, record_in,
    refuse_record, resolve_on_first_contact, start, team_lead, uphold, utc, voucher,
};

fn empty(field: &str) -> TransitionError {
    TransitionError::Field(FieldError::Empty {
        field: field.to_owned(),
    })
}

fn escalate(to: Role, owner: Option<&str>) -> Escalate {
    Escalate {
        to,
        owner: owner.map(ActorId::new),
        reason: "The customer threatens to go to the press".into(),
        step: None,
    }
}

fn accepted_with(severity: Severity) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            severity,
            ..accept()
        },
        &ctx(agent(), start()),
    )
    .unwrap()
}

// ---- E1: escalation at intake --------------------------------------------------

/// E1: a complaint of severity high or above is escalated to a team lead when
/// accepted, as a second entry by the accepting agent with a reason; a low or
/// medium one is not.
#[test]
fn e1_severe_complaint_is_escalated_at_intake() {
    for severity in Severity::ALL {
        let record = accepted_with(severity);
        assert_eq!(record.stage(), StageKind::Accepted);
        if severity >= Severity::High {
            assert_eq!(record.version(), 2, "{severity}");
            let entry = &record.entries()[1];
            let Event::Escalate(escalate) = entry.event() else {
                panic!("{severity}: the second entry is {:?}", entry.event());
            };
            assert_eq!(escalate.to, Role::TeamLead);
            assert_eq!(escalate.owner, None);
            assert!(
                escalate.reason.contains(&severity.to_string()),
                "{}",
                escalate.reason
            );
            assert_eq!(entry.actor(), &agent());
            assert_eq!(entry.at(), start());
            assert_eq!(record.escalation_level(), Role::TeamLead);
            // The team leads' queue owns it until someone takes it.
            assert_eq!(record.owner(), None);
        } else {
            assert_eq!(record.version(), 1, "{severity}");
            assert_eq!(record.escalation_level(), Role::Agent);
            assert_eq!(record.owner(), Some(&ActorId::new("agent-7")));
        }
    }

    // The typed face accepts the same way, and the history replays.
    let typed = Complaint::accept(
        Accept {
            severity: Severity::High,
            ..accept()
        },
        &ctx(agent(), start()),
    )
    .unwrap();
    assert_eq!(typed.as_record().version(), 2);
    let replayed = ComplaintRecord::replay(typed.as_record().entries().to_vec()).unwrap();
    assert_eq!(replayed.escalation_level(), Role::TeamLead);

    // The threshold and the role are the policy's.
    let strict = Policy::builder()
        .escalation(Some(EscalationRule {
            at_or_above: Severity::Medium,
            to: Role::Supervisor,
        }))
        .build()
        .unwrap();
    let medium =
        ComplaintRecord::accept(accept(), &Context::new(agent(), start(), &strict)).unwrap();
    assert_eq!(medium.version(), 2);
    assert_eq!(medium.escalation_level(), Role::Supervisor);
    let never = Policy::builder().escalation(None).build().unwrap();
    let critical = ComplaintRecord::accept(
        Accept {
            severity: Severity::Critical,
            ..accept()
        },
        &Context::new(agent(), start(), &never),
    )
    .unwrap();
    assert_eq!(critical.version(), 1);
    assert_eq!(critical.escalation_level(), Role::Agent);
}

// ---- E2: escalation by hand ----------------------------------------------------

/// E2: a complaint can be escalated by hand at every open stage, with a
/// reason, and only upwards (`EscalationNotHigher`); a handled complaint is
/// not escalated.
#[test]
fn e2_escalation_by_hand_at_any_open_stage() {
    for stage in StageKind::ALL {
        let mut record = record_in(stage);
        let at = ctx(agent(), last_time(stage) + Duration::minutes(1));
        if !stage.is_open() {
            assert_eq!(
                refuse_record(&mut record, escalate(Role::TeamLead, None), &at),
                TransitionError::NotAllowed {
                    event: EventKind::Escalate,
                    stage
                }
            );
            continue;
        }
        let blank = Escalate {
            reason: " ".into(),
            ..escalate(Role::TeamLead, None)
        };
        assert_eq!(refuse_record(&mut record, blank, &at), empty("reason"));

        let version = record.version();
        record.apply(escalate(Role::TeamLead, None), &at).unwrap();
        assert_eq!(record.stage(), stage, "an escalation keeps the stage");
        assert_eq!(record.version(), version + 1);
        assert_eq!(record.escalation_level(), Role::TeamLead);

        for not_higher in [Role::Agent, Role::TeamLead] {
            assert_eq!(
                refuse_record(&mut record, escalate(not_higher, None), &at),
                TransitionError::Handling(HandlingError::EscalationNotHigher {
                    current: Role::TeamLead,
                    requested: not_higher
                }),
                "{stage}"
            );
        }
        record.apply(escalate(Role::Supervisor, None), &at).unwrap();
        assert_eq!(record.escalation_level(), Role::Supervisor);
    }

    // A complaint escalated at intake (E1) is already at the team lead.
    let mut severe = accepted_with(Severity::High);
    assert_eq!(
        refuse_record(
            &mut severe,
            escalate(Role::TeamLead, None),
            &ctx(agent(), minute(1))
        ),
        TransitionError::Handling(HandlingError::EscalationNotHigher {
            current: Role::TeamLead,
            requested: Role::TeamLead
        })
    );
}

// ---- E3: ownership -------------------------------------------------------------

/// E3: an escalation that names a person hands the complaint to them; one
/// that names only a role leaves it to that role's queue.
#[test]
fn e3_escalation_with_owner_reassigns_ownership() {
    let mut record = record_in(StageKind::Investigated);
    assert_eq!(record.owner(), Some(&ActorId::new("agent-7")));

    record
        .apply(
            escalate(Role::TeamLead, Some("lead-3")),
            &ctx(agent(), minute(30)),
        )
        .unwrap();
    assert_eq!(record.owner(), Some(&ActorId::new("lead-3")));
    assert_eq!(record.escalation_level(), Role::TeamLead);
    let entry = record.entries().last().unwrap();
    assert_eq!(
        entry.actor(),
        &agent(),
        "the escalation records who escalated"
    );

    // The new owner works on it: the history records them.
    record
        .apply(
            note("Called the customer back"),
            &ctx(team_lead(), minute(40)),
        )
        .unwrap();
    assert_eq!(record.owner(), Some(&ActorId::new("lead-3")));

    record
        .apply(
            escalate(Role::Supervisor, None),
            &ctx(team_lead(), minute(50)),
        )
        .unwrap();
    assert_eq!(record.owner(), None);
    assert_eq!(record.escalation_level(), Role::Supervisor);

    let blank_owner = Escalate {
        owner: Some(ActorId::new("")),
        ..escalate(Role::Supervisor, None)
    };
    let mut fresh = record_in(StageKind::Judged);
    assert_eq!(
        refuse_record(&mut fresh, blank_owner, &ctx(agent(), minute(20))),
        empty("owner")
    );
}

// ---- E4: repeat contacts -------------------------------------------------------

/// E4: an incoming contact about an open complaint of the same customer and
/// category is that complaint (`Existing`); another category, another
/// customer, or a complaint closed more than 30 days ago is a new one.
#[test]
fn e4_incoming_contact_matches_open_or_recent_complaint() {
    let open = record_in(StageKind::Judged);
    let contact = |customer: &str, category: &str, at| IncomingContact {
        complainant: customer.into(),
        category: Category::new(category),
        at,
    };
    let policy = &*POLICY;

    assert_eq!(
        contact("customer-42", "repair", minute(100)).match_in([&open], policy),
        ContactMatch::Existing {
            complaint: open.id()
        }
    );
    assert_eq!(
        contact("customer-42", "delivery", minute(100)).match_in([&open], policy),
        ContactMatch::New
    );
    assert_eq!(
        contact("customer-43", "repair", minute(100)).match_in([&open], policy),
        ContactMatch::New
    );
    assert_eq!(
        contact("customer-42", "repair", minute(100)).match_in([], policy),
        ContactMatch::New
    );

    // Closed at minute 90: linked for 30 days after its last entry.
    let closed = record_in(StageKind::Closed);
    let closed_at = closed.last_entry_at();
    for (days, expected) in [
        (
            1,
            ContactMatch::Existing {
                complaint: closed.id(),
            },
        ),
        (
            30,
            ContactMatch::Existing {
                complaint: closed.id(),
            },
        ),
        (31, ContactMatch::New),
    ] {
        let at = closed_at + Duration::days(days);
        assert_eq!(
            contact("customer-42", "repair", at).match_in([&closed], policy),
            expected,
            "{days} days after closing"
        );
    }

    // Of two open complaints, the one with the latest entry.
    let mut busier = record_in(StageKind::Judged);
    busier
        .apply(note("Customer asked for news"), &ctx(agent(), minute(60)))
        .unwrap();
    for candidates in [[&open, &busier], [&busier, &open]] {
        assert_eq!(
            contact("customer-42", "repair", minute(100)).match_in(candidates, policy),
            ContactMatch::Existing {
                complaint: busier.id()
            }
        );
    }
}

/// E4: a repeat contact is linked to the complaint: it counts the contacts
/// and raises the priority one level every 2 repeat contacts, up to critical.
#[test]
fn e4_repeat_contacts_raise_count_and_priority() {
    let policy = &*POLICY;
    let mut record = accepted_with(Severity::Low);
    assert_eq!(record.contact_count(), 1);
    assert_eq!(record.priority(policy), Severity::Low);
    let again = RepeatContact {
        channel: Channel::Phone,
        content: "Where is my technician?".into(),
    };
    let expected = [
        Severity::Low,
        Severity::Medium,
        Severity::Medium,
        Severity::High,
        Severity::High,
        Severity::Critical,
        Severity::Critical,
        Severity::Critical,
        Severity::Critical,
    ];
    for (repeats, priority) in (1_u32..).zip(expected) {
        let at = minute(i64::from(repeats));
        record.apply(again.clone(), &ctx(agent(), at)).unwrap();
        assert_eq!(record.contact_count(), repeats + 1);
        assert_eq!(record.priority(policy), priority, "{repeats} repeats");
        assert_eq!(record.severity(), Severity::Low, "the severity as accepted");
        assert_eq!(record.stage(), StageKind::Accepted);
    }
    assert_eq!(
        refuse_record(
            &mut record,
            RepeatContact {
                channel: Channel::Online,
                content: String::new(),
            },
            &ctx(agent(), minute(30))
        ),
        empty("content")
    );

    // A closed complaint takes repeat contacts too, and stays closed.
    let mut closed = record_in(StageKind::Closed);
    closed
        .apply(again, &ctx(agent(), last_time(StageKind::Closed)))
        .unwrap();
    assert_eq!(closed.stage(), StageKind::Closed);
    assert_eq!(closed.contact_count(), 2);
}

// ---- E5: handover --------------------------------------------------------------

/// E5: a handover gives the open complaint to the next colleague, with a
/// note; a handover to the colleague who already owns it is refused.
#[test]
fn e5_handover_reassigns_the_owner() {
    let mut record = record_in(StageKind::Proposed);
    let to = |who: &str| Handover {
        to: ActorId::new(who),
        note: "Waiting for the supervisor's approval; customer prefers option 2".into(),
    };
    let at = ctx(agent(), minute(100));
    assert_eq!(
        refuse_record(&mut record, to("agent-7"), &at),
        TransitionError::Handling(HandlingError::AlreadyOwner {
            owner: ActorId::new("agent-7")
        })
    );
    assert_eq!(
        refuse_record(
            &mut record,
            Handover {
                note: " ".into(),
                ..to("agent-9")
            },
            &at
        ),
        empty("note")
    );
    assert_eq!(refuse_record(&mut record, to(""), &at), empty("to"));

    record.apply(to("agent-9"), &at).unwrap();
    assert_eq!(record.owner(), Some(&ActorId::new("agent-9")));
    assert_eq!(record.stage(), StageKind::Proposed);
    assert_eq!(
        refuse_record(&mut record, to("agent-9"), &ctx(agent(), minute(101))),
        TransitionError::Handling(HandlingError::AlreadyOwner {
            owner: ActorId::new("agent-9")
        })
    );
    // Back to the first agent the next morning.
    record
        .apply(
            to("agent-7"),
            &ctx(Actor::agent("agent-9"), minute(24 * 60)),
        )
        .unwrap();
    assert_eq!(record.owner(), Some(&ActorId::new("agent-7")));

    // A handled complaint has nothing to hand over.
    let mut executed = record_in(StageKind::Executed);
    assert_eq!(
        refuse_record(&mut executed, to("agent-9"), &ctx(agent(), minute(100))),
        TransitionError::NotAllowed {
            event: EventKind::Handover,
            stage: StageKind::Executed
        }
    );
}

/// E5: the open complaints whose owner is off shift and that were not
/// handed over are reported; handed-over, handled and queue-owned ones are not.
#[test]
fn e5_complaints_left_without_handover_are_reported() {
    let roster = ShiftRoster::new()
        .with_shift("agent-7", utc(2026, 11, 23, 9, 0), utc(2026, 11, 23, 17, 0))
        .with_shift("agent-9", utc(2026, 11, 23, 17, 0), utc(2026, 11, 24, 1, 0));

    let left = record_in(StageKind::Investigated);
    let mut handed_over = record_in(StageKind::Proposed);
    handed_over
        .apply(
            Handover {
                to: ActorId::new("agent-9"),
                note: "Proposal sent, waiting for approval".into(),
            },
            &ctx(agent(), utc(2026, 11, 23, 16, 50)),
        )
        .unwrap();
    let handled = record_in(StageKind::Executed);
    let queued = accepted_with(Severity::High);
    assert_eq!(queued.owner(), None);
    let records = [&left, &handed_over, &handled, &queued];

    // At 12:00 agent-7 is on shift; agent-9, who took one over, is not yet.
    assert_eq!(
        left_without_handover(records, &roster, utc(2026, 11, 23, 12, 0)),
        [handed_over.id()]
    );
    // At 17:00 (the end is exclusive) agent-7 has gone.
    for now in [utc(2026, 11, 23, 17, 0), utc(2026, 11, 23, 17, 30)] {
        assert_eq!(left_without_handover(records, &roster, now), [left.id()]);
    }
    // At 02:00 nobody is on shift.
    assert_eq!(
        left_without_handover(records, &roster, utc(2026, 11, 24, 2, 0)),
        [left.id(), handed_over.id()]
    );
}

// ---- E6: notes -----------------------------------------------------------------

/// E6: notes keep more than the stage: during a follow-up they change neither
/// the follow-up nor the escalation nor the owner.
#[test]
fn e6_notes_keep_follow_up_escalation_and_owner() {
    let mut record = record_in(StageKind::Closed);
    let before = record.clone();
    record
        .apply(
            note("Customer called to say thanks"),
            &ctx(agent(), minute(100)),
        )
        .unwrap();
    assert_eq!(record.stage(), StageKind::Closed);
    assert_eq!(record.follow_up(), before.follow_up());
    assert_eq!(record.follow_up_record(), before.follow_up_record());

    let mut executed = record_in(StageKind::Executed);
    executed
        .apply(attempt_follow_up(false), &ctx(agent(), minute(120)))
        .unwrap();
    let mut severe = accepted_with(Severity::High);
    for record in [&mut executed, &mut severe] {
        let before = record.clone();
        record
            .apply(
                note("Customer upset, calmed down"),
                &ctx(agent(), minute(130)),
            )
            .unwrap();
        assert_eq!(record.stage(), before.stage());
        assert_eq!(record.follow_up(), before.follow_up());
        assert_eq!(record.escalation_level(), before.escalation_level());
        assert_eq!(record.owner(), before.owner());
        assert_eq!(record.contact_count(), before.contact_count());
    }
    assert_eq!(
        executed.follow_up().map(|status| status.stage()),
        Some(FollowUpStageKind::Attempted)
    );
}

// ---- T5: the fast path -----------------------------------------------------------

/// A simple complaint: a missing part, of low severity, received at [`start`].
fn simple(category: &str, severity: Severity) -> Accept {
    accept_of(accept().complainant, start(), category, severity)
}

/// T5: a missing part of low severity, within 5 minutes of receipt, is
/// resolved by the intake agent on the first contact: one entry, no
/// supervisor, executed, and the follow-up scheduled as after any remedy.
#[test]
fn t5_simple_complaint_is_resolved_on_first_contact() {
    for (severity, at) in [(Severity::Low, minute(4)), (Severity::Medium, minute(5))] {
        let complaint =
            Complaint::accept(simple("missing_part", severity), &ctx(agent(), start())).unwrap();
        let executed = complaint
            .into_simple(&ctx(agent(), at))
            .unwrap()
            .resolve(resolve_on_first_contact(), &ctx(agent(), at))
            .unwrap();
        let record = executed.as_record();
        assert_eq!(record.stage(), StageKind::Executed);
        assert_eq!(record.version(), 2, "accepted and resolved: two entries");
        let entry = &record.entries()[1];
        assert_eq!(
            entry.event(),
            &Event::ResolveOnFirstContact(resolve_on_first_contact())
        );
        assert_eq!(entry.actor(), &agent());
        assert_eq!(entry.at(), at);
        assert!(
            record
                .entries()
                .iter()
                .all(|entry| entry.actor().role == Role::Agent),
            "no supervisor"
        );
        assert_eq!(record.approval(), None);
        assert_eq!(record.fast_resolution(), Some(&resolve_on_first_contact()));

        let follow_up = record.follow_up().unwrap();
        assert_eq!(follow_up.stage(), FollowUpStageKind::Scheduled);
        assert_eq!(follow_up.scheduled_at(), at);
        assert_eq!(follow_up.slot(), at);
        let due = record
            .deadlines()
            .iter()
            .find(|deadline| {
                deadline.kind() == complaint_workflow::deadline::DeadlineKind::FollowUp
            })
            .unwrap()
            .due();
        assert_eq!(due, at + Duration::days(3));
    }
}

/// T5: a complaint that is not simple (not a fast-path category, too severe,
/// or too late) is refused with `NotSimple` and handed back unchanged.
#[test]
fn t5_complaint_that_is_not_simple_is_handed_back() {
    let cases = [
        (simple("quality", Severity::Low), minute(1), "quality"),
        (simple("missing_part", Severity::High), minute(1), "high"),
        (simple("missing_part", Severity::Low), minute(10), "after"),
    ];
    for (form, at, reason_mentions) in cases {
        let complaint = Complaint::accept(form, &ctx(agent(), start())).unwrap();
        let before = complaint.clone();
        let rejected = complaint.into_simple(&ctx(agent(), at)).unwrap_err();
        let TransitionError::FastPath(FastPathError::NotSimple(reason)) = rejected.error() else {
            panic!("expected NotSimple, got {:?}", rejected.error());
        };
        assert!(reason.to_string().contains(reason_mentions), "{reason}");
        assert_eq!(rejected.complaint(), &before);
        // Handed back, it goes the ordinary way.
        let judged = rejected
            .into_complaint()
            .apply(uphold(at), &ctx(agent(), at))
            .unwrap();
        assert_eq!(judged.stage(), StageKind::Judged);
    }

    // Simple at minute 4, but resolved at minute 6: too late after all.
    let complaint = Complaint::accept(
        simple("missing_part", Severity::Low),
        &ctx(agent(), start()),
    )
    .unwrap();
    let simple_complaint = complaint.into_simple(&ctx(agent(), minute(4))).unwrap();
    let before = simple_complaint.clone();
    let rejected = simple_complaint
        .resolve(resolve_on_first_contact(), &ctx(agent(), minute(6)))
        .unwrap_err();
    assert!(matches!(
        rejected.error(),
        TransitionError::FastPath(FastPathError::NotSimple(_))
    ));
    assert_eq!(rejected.complaint(), &before);
    assert_eq!(
        rejected
            .into_complaint()
            .into_complaint()
            .as_record()
            .version(),
        1
    );

    // No fast path in the policy: nothing is simple.
    let none = Policy::builder().fast_path(None).build().unwrap();
    let complaint = Complaint::accept(
        simple("missing_part", Severity::Low),
        &Context::new(agent(), start(), &none),
    )
    .unwrap();
    assert!(matches!(
        complaint
            .into_simple(&Context::new(agent(), minute(1), &none))
            .unwrap_err()
            .error(),
        TransitionError::FastPath(FastPathError::NotSimple(_))
    ));
}

/// T5: only the agent who accepted the complaint resolves it on the first
/// contact (`NotIntakeAgent`), whatever the other actor's role.
#[test]
fn t5_only_the_intake_agent_resolves() {
    for other in [Actor::agent("agent-9"), team_lead()] {
        let complaint = Complaint::accept(
            simple("missing_part", Severity::Low),
            &ctx(agent(), start()),
        )
        .unwrap();
        let simple_complaint = complaint
            .into_simple(&ctx(other.clone(), minute(2)))
            .unwrap();
        let rejected = simple_complaint
            .resolve(resolve_on_first_contact(), &ctx(other.clone(), minute(2)))
            .unwrap_err();
        assert_eq!(
            rejected.error(),
            &TransitionError::FastPath(FastPathError::NotIntakeAgent {
                intake: ActorId::new("agent-7"),
                actor: other.id.clone(),
            })
        );
        // The intake agent still can.
        let executed = rejected
            .into_complaint()
            .resolve(resolve_on_first_contact(), &ctx(agent(), minute(3)))
            .unwrap();
        assert_eq!(executed.stage(), StageKind::Executed);
    }
}

/// T5 on the stored face: `record.apply(ResolveOnFirstContact)` checks the
/// same conditions as `into_simple` and `resolve`.
#[test]
fn t5_stored_face_checks_the_same_conditions() {
    let stored = |form: Accept| ComplaintRecord::accept(form, &ctx(agent(), start())).unwrap();

    let mut record = stored(simple("missing_part", Severity::Low));
    record
        .apply(resolve_on_first_contact(), &ctx(agent(), minute(3)))
        .unwrap();
    assert_eq!(record.stage(), StageKind::Executed);
    assert_eq!(record.version(), 2);
    assert!(record.follow_up().is_some());

    for (form, at) in [
        (simple("quality", Severity::Low), minute(3)),
        (simple("missing_part", Severity::Critical), minute(3)),
        (simple("missing_part", Severity::Low), minute(10)),
    ] {
        let mut record = stored(form);
        assert!(matches!(
            refuse_record(&mut record, resolve_on_first_contact(), &ctx(agent(), at)),
            TransitionError::FastPath(FastPathError::NotSimple(_))
        ));
    }

    let mut record = stored(simple("missing_part", Severity::Low));
    assert_eq!(
        refuse_record(
            &mut record,
            resolve_on_first_contact(),
            &ctx(Actor::agent("agent-9"), minute(3))
        ),
        TransitionError::FastPath(FastPathError::NotIntakeAgent {
            intake: ActorId::new("agent-7"),
            actor: ActorId::new("agent-9"),
        })
    );
    let blank = complaint_workflow::event::ResolveOnFirstContact {
        customer_acceptance: " ".into(),
        ..resolve_on_first_contact()
    };
    assert_eq!(
        refuse_record(&mut record, blank, &ctx(agent(), minute(3))),
        empty("customer_acceptance")
    );
    let nothing = complaint_workflow::event::ResolveOnFirstContact {
        remedy: RemedyOption {
            description: "A voucher".into(),
            compensation: Some(complaint_workflow::event::Compensation {
                amount_minor: 0,
                ..voucher()
            }),
        },
        ..resolve_on_first_contact()
    };
    assert_eq!(
        refuse_record(&mut record, nothing, &ctx(agent(), minute(3))),
        TransitionError::Remedy(RemedyError::ZeroCompensation { option: 1 })
    );

    // Only an accepted complaint takes the fast path.
    let mut judged = record_in(StageKind::Judged);
    assert_eq!(
        refuse_record(
            &mut judged,
            resolve_on_first_contact(),
            &ctx(agent(), minute(11))
        ),
        TransitionError::NotAllowed {
            event: EventKind::ResolveOnFirstContact,
            stage: StageKind::Judged
        }
    );
}
