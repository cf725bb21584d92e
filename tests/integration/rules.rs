//! The rule book (docs/rules.md, R1..R8, E6): one test or more per rule, named
//! after it. Every refusal is checked on both faces, and on both faces a
//! refused event leaves the complaint equal to what it was before.

use chrono::Duration;
use complaint_workflow::error::{FieldError, FollowUpError, RemedyError};
use complaint_workflow::{
    Accepted, Complaint, ComplaintRecord, Event, EventKind, Role, StageKind, Transition,
    TransitionError,
    event::{
        Accept, AddNote, Approve, ChooseRemedy, Compensation, Currency, Decline, Dismiss, Execute,
        Findings, Investigate, Propose, RemedyOption, Reopen, Review, RootCause, Routing, Uphold,
        Withdraw,
    },
    followup::FollowUpStageKind,
    record::Verdict,
};

use super::support::{
    POLICY, accept, accepted, accountability, agent, approved, attempt_follow_up, closed,
    complete_follow_up, content, ctx, dismiss, dismissed, execute, executed, findings, investigate,
    investigated, judged, last_time, minute, new_record, note, propose, proposed, record_in,
    refuse, refuse_record, refuse_rows, responsible_parties, review, reviewed, start, steps_to,
    supervisor, team_lead, uphold, voucher, withdrawn,
};

/// The events the record's stage accepts that move it to another stage
/// (leaving out the ones that keep the stage: notes, contacts, ...).
fn moves(record: &ComplaintRecord) -> Vec<EventKind> {
    let stage = record.stage();
    record
        .allowed_events()
        .filter(|&event| stage.after(event) != Some(stage))
        .collect()
}

fn empty(field: &str) -> TransitionError {
    TransitionError::Field(FieldError::Empty {
        field: field.to_owned(),
    })
}

// ---- R1: acceptance ------------------------------------------------------

/// R1: accepting records the registration form as the first entry.
#[test]
fn r1_accept_records_the_registration_form() {
    let record = new_record();
    assert_eq!(record.stage(), StageKind::Accepted);
    assert_eq!(record.version(), 1);
    assert_eq!(record.intake(), &accept());
    assert_eq!(record.complainant(), &accept().complainant);
    assert_eq!(record.received_at(), start());
    assert_eq!(record.channel(), accept().channel);
    assert_eq!(record.category(), &accept().category);
    assert_eq!(record.severity(), accept().severity);
    let [entry] = record.entries() else {
        panic!("one entry expected, found {:?}", record.entries());
    };
    assert_eq!(entry.complaint_id(), record.id());
    assert_eq!(entry.sequence(), 1);
    assert_eq!(entry.at(), start());
    assert_eq!(entry.actor(), &agent());
    assert_eq!(entry.event(), &Event::Accept(accept()));

    let typed = accepted();
    assert_eq!(typed.stage(), StageKind::Accepted);
    assert_eq!(typed.as_record().intake(), &accept());
}

/// R1: no complaint without content, complainant or category, none received
/// after the time it is accepted, none longer than the policy's size limit:
/// each form is refused on both faces. Received at the same instant, or
/// earlier, is fine.
#[test]
fn r1_invalid_registration_forms_are_refused() {
    let in_future = TransitionError::Field(FieldError::InFuture {
        field: "received_at".into(),
        time: minute(1),
        at: start(),
    });
    let too_long = TransitionError::Field(FieldError::TooLong {
        field: "content".into(),
        found: POLICY.max_text_bytes() + 1,
        limit: POLICY.max_text_bytes(),
    });
    let blank_complainant = complaint_workflow::Complainant::new(" ");
    let empty_category = complaint_workflow::Category::new("");
    let long = "x".repeat(POLICY.max_text_bytes() + 1);
    #[rustfmt::skip]
    let rows = [
        // id  case                                     form                                                   error
        ("R1", "blank content",                         Accept { content: "   ".into(), ..accept() },          empty("content")),
        ("R1", "empty content",                         Accept { content: String::new(), ..accept() },         empty("content")),
        ("R1", "blank complainant",                     Accept { complainant: blank_complainant, ..accept() }, empty("complainant.id")),
        ("R1", "empty category",                        Accept { category: empty_category, ..accept() },       empty("category")),
        ("R1", "received after acceptance",             Accept { received_at: minute(1), ..accept() },         in_future),
        ("R1", "content longer than the policy allows", Accept { content: long, ..accept() },                  too_long),
    ];
    let at = ctx(agent(), start());
    for (rule, case, form, expected) in rows {
        let stored = ComplaintRecord::accept(form.clone(), &at).unwrap_err();
        assert_eq!(stored, expected, "{rule}: {case} (stored face)");
        let typed = Complaint::accept(form, &at).unwrap_err();
        assert_eq!(typed, expected, "{rule}: {case} (typed face)");
    }

    // Received at the same instant, or earlier, is fine.
    let late = Accept {
        received_at: minute(1),
        ..accept()
    };
    assert!(ComplaintRecord::accept(late.clone(), &at.at(minute(1))).is_ok());
    assert!(ComplaintRecord::accept(late, &at.at(minute(90))).is_ok());
}

/// R1: accepting creates a complaint; no stage accepts it as an event. R4:
/// nothing is executed before approval (on the stored face; the typed face
/// does not compile it). Each stage says whether it accepts the event, and
/// one that does not refuses it with `NotAllowed`, leaving it unchanged.
#[test]
fn r1_r4_events_outside_their_stages_are_not_allowed() {
    // `accepted_in`: the stages that accept the event; it is fired after
    // the last event of the walk, and not before `not_before`.
    #[rustfmt::skip]
    let rows = [
        // id  case                                           event                             actor         not_before  accepted_in
        ("R1", "accept is no event of an existing complaint", Event::from(accept()),            supervisor(), start(),    vec![]),
        ("R4", "nothing is executed before approval",         Event::from(execute(minute(50))), agent(),      minute(50), vec![StageKind::Approved]),
    ];
    for (rule, case, event, actor, not_before, accepted_in) in rows {
        let kind = event.kind();
        for stage in StageKind::ALL {
            let accepts = accepted_in.contains(&stage);
            assert_eq!(stage.accepts(kind), accepts, "{rule}: {case}: {stage}");
            if accepts {
                continue;
            }
            let mut record = record_in(stage);
            let at = ctx(actor.clone(), last_time(stage).max(not_before));
            let error = refuse_record(&mut record, event.clone(), &at);
            let expected = TransitionError::NotAllowed { event: kind, stage };
            assert_eq!(error, expected, "{rule}: {case}: {stage}");
            assert!(!record.can(kind), "{rule}: {case}: {stage}");
        }
    }
}

// ---- R2: judgment --------------------------------------------------------

/// R2: upheld needs the responsible department and an investigation time
/// that lies ahead of the judgment.
#[test]
fn r2_uphold_requires_department_and_future_investigation_time() {
    let at = ctx(agent(), minute(10));
    let no_department = Uphold {
        responsible_department: complaint_workflow::Department::new(" "),
        ..uphold(minute(10))
    };
    let due_now = Uphold {
        investigation_due: minute(10),
        ..uphold(minute(10))
    };
    let due_before = Uphold {
        investigation_due: minute(5),
        ..uphold(minute(10))
    };
    let not_ahead = |due| {
        TransitionError::Field(FieldError::DeadlineNotAhead {
            field: "investigation_due".into(),
            due,
            at: minute(10),
        })
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                                     event          error
        ("R2", "no responsible department",             no_department, empty("responsible_department")),
        ("R2", "investigation due at the judgment",     due_now,       not_ahead(minute(10))),
        ("R2", "investigation due before the judgment", due_before,    not_ahead(minute(5))),
    ];
    let mut record = new_record();
    let complaint = refuse_rows(&mut record, accepted(), rows, &at);

    let judged = complaint.apply(uphold(minute(10)), &at).unwrap();
    assert_eq!(judged.stage(), StageKind::Judged);
    let record = judged.as_record();
    assert_eq!(
        record.judgment(),
        Some(Verdict::Upheld(&uphold(minute(10))))
    );
    assert_eq!(
        record.responsible_department(),
        Some(&complaint_workflow::Department::new("repairs"))
    );
    assert_eq!(moves(record), [EventKind::Investigate, EventKind::Withdraw]);
}

/// R2: a dismissal needs the reply given to the customer; it ends the
/// handling, and the dismissed complaint is still reviewed.
#[test]
fn r2_dismissal_requires_reply_and_is_reviewable() {
    let at = ctx(agent(), minute(10));
    let blank = Dismiss {
        reply: " \n".into(),
    };
    let rows = [("R2", "a blank reply", blank, empty("reply"))];
    let complaint = refuse_rows(&mut new_record(), accepted(), rows, &at);

    let dismissed = complaint.apply(dismiss(), &at).unwrap();
    let record = dismissed.as_record();
    assert_eq!(record.stage(), StageKind::Dismissed);
    assert_eq!(record.judgment(), Some(Verdict::Dismissed(&dismiss())));
    assert_eq!(record.responsible_department(), None);
    assert!(!record.stage().is_open());
    // R6, and D1, D2: the customer's recourse against the reply.
    assert_eq!(
        moves(record),
        [EventKind::Review, EventKind::Dispute, EventKind::Refer]
    );

    let reviewed = dismissed
        .apply(review(), &ctx(supervisor(), minute(20)))
        .unwrap();
    assert_eq!(reviewed.stage(), StageKind::Reviewed);
    assert_eq!(
        reviewed.as_record().judgment(),
        Some(Verdict::Dismissed(&dismiss()))
    );
}

// ---- R3: investigation ---------------------------------------------------

/// R3: findings hold a description and at least one responsible party, each
/// with a person and a department.
#[test]
fn r3_findings_need_a_responsible_party() {
    let with = |findings: Findings| Investigate { findings };
    let mut nobody = findings();
    nobody.responsible_parties.clear();
    let mut blank_person = findings();
    blank_person.responsible_parties[1].person = " ".into();
    let mut blank_department = findings();
    blank_department.responsible_parties[0].department = complaint_workflow::Department::new("");
    let no_description = Findings {
        description: String::new(),
        ..findings()
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                            event                   error
        ("R3", "no responsible party",         with(nobody),           empty("findings.responsible_parties")),
        ("R3", "no description",               with(no_description),   empty("findings.description")),
        ("R3", "a party without a person",     with(blank_person),     empty("findings.responsible_parties[1].person")),
        ("R3", "a party without a department", with(blank_department), empty("findings.responsible_parties[0].department")),
    ];
    let at = ctx(agent(), minute(20));
    let mut record = record_in(StageKind::Judged);
    let complaint = refuse_rows(&mut record, judged(), rows, &at);

    let investigated = complaint.apply(investigate(), &at).unwrap();
    assert_eq!(investigated.as_record().findings(), Some(&findings()));
    assert_eq!(
        investigated
            .as_record()
            .findings()
            .unwrap()
            .root_cause
            .routing(),
        Routing::ResponsibleLead
    );
}

/// R3: quality problems go to the responsible lead, service problems to the
/// service supervisor, the rest stays with the responsible department.
#[test]
fn r3_root_cause_routes_quality_and_service() {
    assert_eq!(RootCause::Quality.routing(), Routing::ResponsibleLead);
    assert_eq!(RootCause::Service.routing(), Routing::ServiceSupervisor);
    for cause in [
        RootCause::Logistics,
        RootCause::Billing,
        RootCause::Policy,
        RootCause::Other,
    ] {
        assert_eq!(cause.routing(), Routing::ResponsibleDepartment, "{cause}");
    }
    assert_eq!(RootCause::ALL.len(), 6);
}

// ---- R4: proposal and approval -------------------------------------------

/// R4: a proposal holds one or more described options, within the policy.
#[test]
fn r4_proposal_needs_described_options() {
    let option = || propose().options[0].clone();
    let blank = RemedyOption {
        description: "\t".into(),
        compensation: None,
    };
    let too_many = TransitionError::Field(FieldError::TooManyOptions {
        found: POLICY.max_remedy_options() + 1,
        limit: POLICY.max_remedy_options(),
    });
    let over_the_limit = vec![option(); POLICY.max_remedy_options() + 1];
    #[rustfmt::skip]
    let rows = [
        // id  case                                   event                                       error
        ("R4", "no option",                           Propose { options: vec![] },                empty("options")),
        ("R4", "an option without a description",     Propose { options: vec![option(), blank] }, empty("options[1].description")),
        ("R4", "more options than the policy allows", Propose { options: over_the_limit },        too_many),
    ];
    let at = ctx(agent(), minute(30));
    let mut record = record_in(StageKind::Investigated);
    let complaint = refuse_rows(&mut record, investigated(), rows, &at);
    let proposed = complaint.apply(propose(), &at).unwrap();
    assert_eq!(proposed.as_record().proposal(), Some(&propose()));
}

/// R4: only a supervisor approves; the approval names the option and the approver.
#[test]
fn r4_only_supervisor_approves() {
    let at = minute(40);
    let mut record = record_in(StageKind::Proposed);
    let mut complaint = proposed();
    for actor in [agent(), team_lead()] {
        let expected = TransitionError::Unauthorized {
            event: EventKind::Approve,
            actor: actor.id.clone(),
            required: Role::Supervisor,
            found: actor.role,
        };
        let event = Approve { option: 2 };
        assert_eq!(
            refuse_record(&mut record, event.clone(), &ctx(actor.clone(), at)),
            expected
        );
        let (back, error) = refuse(complaint, event, &ctx(actor.clone(), at));
        assert_eq!(error, expected);
        assert_eq!(back.stage(), StageKind::Proposed);
        assert_eq!(back.as_record().approval(), None);
        assert!(
            !record
                .allowed_events_for(&actor)
                .any(|e| e == EventKind::Approve)
        );
        complaint = back;
    }
    assert!(
        record
            .allowed_events_for(&supervisor())
            .any(|e| e == EventKind::Approve)
    );

    record
        .apply(Approve { option: 2 }, &ctx(supervisor(), at))
        .unwrap();
    let approved = complaint
        .apply(Approve { option: 2 }, &ctx(supervisor(), at))
        .unwrap();
    for record in [&record, approved.as_record()] {
        assert_eq!(record.stage(), StageKind::Approved);
        let approval = record.approval().expect("an approval");
        assert_eq!(approval.option_number, 2);
        assert_eq!(approval.option, &propose().options[1]);
        assert_eq!(approval.approver, &supervisor());
        assert_eq!(approval.approved_at, at);
    }
}

/// R4: the approval names an option the proposal has (numbered from 1).
#[test]
fn r4_approval_names_an_existing_option() {
    let at = ctx(supervisor(), minute(40));
    let unknown = |option| {
        TransitionError::Remedy(RemedyError::UnknownRemedyOption {
            option,
            available: 2,
        })
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                               event                         error
        ("R4", "option 0 (options count from 1)", Approve { option: 0 },        unknown(0)),
        ("R4", "option 3 of 2",                   Approve { option: 3 },        unknown(3)),
        ("R4", "the largest option number",       Approve { option: u32::MAX }, unknown(u32::MAX)),
    ];
    let mut record = record_in(StageKind::Proposed);
    let complaint = refuse_rows(&mut record, proposed(), rows, &at);
    let approved = complaint.apply(Approve { option: 1 }, &at).unwrap();
    assert_eq!(approved.as_record().approval().unwrap().option_number, 1);
}

// ---- R5: execution -------------------------------------------------------

/// R5: a remedy is executed only with the customer's signed acceptance,
/// signed and notified no later than the execution.
#[test]
fn r5_execution_requires_customer_signature() {
    let at = ctx(agent(), minute(50));
    let valid = || execute(minute(50));
    let unsigned = Execute {
        signature: None,
        ..valid()
    };
    let mut blank_reference = valid();
    blank_reference.signature.as_mut().unwrap().reference = " ".into();
    let mut signed_later = valid();
    signed_later.signature.as_mut().unwrap().signed_at = minute(51);
    let mut notified_later = valid();
    notified_later.notification.at = minute(55);
    let signed_in_future = TransitionError::Field(FieldError::InFuture {
        field: "signature.signed_at".into(),
        time: minute(51),
        at: minute(50),
    });
    let notified_in_future = TransitionError::Field(FieldError::InFuture {
        field: "notification.at".into(),
        time: minute(55),
        at: minute(50),
    });
    let blank_feedback = Execute {
        feedback: Some(String::new()),
        ..valid()
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                               event            error
        ("R5", "no signature",                    unsigned,        TransitionError::Remedy(RemedyError::MissingSignature)),
        ("R5", "a signature without a reference", blank_reference, empty("signature.reference")),
        ("R5", "signed after the execution",      signed_later,    signed_in_future),
        ("R5", "notified after the execution",    notified_later,  notified_in_future),
        ("R5", "blank feedback",                  blank_feedback,  empty("feedback")),
    ];
    let mut record = record_in(StageKind::Approved);
    let mut complaint = approved();
    for (rule, case, event, expected) in rows {
        let stored = refuse_record(&mut record, event.clone(), &at);
        assert_eq!(stored, expected, "{rule}: {case} (stored face)");
        let (back, typed) = refuse(complaint, event, &at);
        assert_eq!(typed, expected, "{rule}: {case} (typed face)");
        assert_eq!(back.as_record().execution(), None, "{rule}: {case}");
        complaint = back;
    }

    let executed = complaint.apply(valid(), &at).unwrap();
    assert_eq!(executed.as_record().execution(), Some(&valid()));
    // Signed at the very time of the execution is fine too.
    let mut same_time = valid();
    same_time.signature.as_mut().unwrap().signed_at = minute(50);
    same_time.notification.at = minute(50);
    assert!(approved().apply(same_time, &at).is_ok());
}

/// R5: every responsible party of the findings is held to account, each
/// entry with its rule and penalty.
#[test]
fn r5_every_responsible_party_is_held_to_account() {
    let at = ctx(agent(), minute(50));
    let mut only_direct = execute(minute(50));
    only_direct.accountability.truncate(1);
    let mut nobody = execute(minute(50));
    nobody.accountability.clear();
    let mut blank_penalty = execute(minute(50));
    blank_penalty.accountability[0].penalty = String::new();
    let mut blank_rule = execute(minute(50));
    blank_rule.accountability[1].rule = " ".into();
    let missing = |person: &str| {
        TransitionError::Remedy(RemedyError::AccountabilityMissing {
            person: person.into(),
        })
    };
    #[rustfmt::skip]
    let rows = [
        // id  case                                       event          error
        ("R5", "the department head not held to account", only_direct,   missing("head-repairs")),
        ("R5", "nobody held to account",                  nobody,        missing("tech-11")),
        ("R5", "an entry without a penalty",              blank_penalty, empty("accountability[0].penalty")),
        ("R5", "an entry without a rule",                 blank_rule,    empty("accountability[1].rule")),
    ];
    let mut record = record_in(StageKind::Approved);
    let complaint = refuse_rows(&mut record, approved(), rows, &at);

    // Extra entries (someone the findings did not name) are allowed.
    let mut more = execute(minute(50));
    more.accountability
        .push(complaint_workflow::event::Accountability {
            person: "dispatcher-2".into(),
            rule: "Dispatch handbook 2.1".into(),
            penalty: "Retraining".into(),
        });
    let executed = complaint.apply(more.clone(), &at).unwrap();
    let execution = executed.as_record().execution().unwrap();
    assert_eq!(execution, &more);
    for party in responsible_parties() {
        assert!(
            execution
                .accountability
                .iter()
                .any(|entry| entry.person == party.person)
        );
    }
    assert_eq!(accountability().len(), responsible_parties().len());
}

/// R5: a customer who declines the approved remedy sends the complaint back
/// to proposing: the proposal, the choice and the approval are spent, the
/// findings stand.
#[test]
fn r5_declined_remedy_goes_back_to_proposing() {
    let at = ctx(agent(), minute(50));
    let blank = Decline { reason: " ".into() };
    let mut record = record_in(StageKind::Approved);
    let rows = [("R5", "a blank reason", blank, empty("reason"))];
    let complaint = refuse_rows(&mut record, approved(), rows, &at);

    let decline = Decline {
        reason: "The customer wants a new machine".into(),
    };
    record.apply(decline.clone(), &at).unwrap();
    let back = complaint.apply(decline, &at).unwrap();
    for record in [&record, back.as_record()] {
        assert_eq!(record.stage(), StageKind::Investigated);
        assert_eq!(record.proposal(), None);
        assert_eq!(record.customer_choice(), None);
        assert_eq!(record.approval(), None);
        assert_eq!(record.execution(), None);
        assert_eq!(record.findings(), Some(&findings()));
        assert!(record.can(EventKind::Propose));
        assert!(!record.can(EventKind::Execute));
        assert_eq!(record.version(), 6);
    }

    // A new proposal, a new approval, then execution.
    let executed = back
        .apply(
            super::support::propose_replacement(),
            &ctx(agent(), minute(60)),
        )
        .unwrap()
        .apply(Approve { option: 1 }, &ctx(supervisor(), minute(70)))
        .unwrap()
        .apply(execute(minute(80)), &ctx(agent(), minute(80)))
        .unwrap();
    let approval = executed.as_record().approval().unwrap();
    assert_eq!(
        approval.option,
        &super::support::propose_replacement().options[0]
    );
    assert_eq!(approval.approved_at, minute(70));
}

// ---- R6: review ----------------------------------------------------------

/// R6: executed, dismissed and withdrawn complaints are reviewed, by a
/// supervisor, with a summary; an open complaint is not.
#[test]
fn r6_review_by_supervisor_with_summary() {
    let blank_summary = Review {
        summary: " ".into(),
        ..review()
    };
    let blank_action = Review {
        improvement_actions: vec!["Train the team".into(), String::new()],
        ..review()
    };
    let no_actions = Review {
        improvement_actions: vec![],
        ..review()
    };
    let at = minute(60);

    fn check<S: Transition<Review>>(
        complaint: Complaint<S>,
        cases: &[(Review, complaint_workflow::Actor, TransitionError)],
        valid: &Review,
    ) {
        let at = minute(60);
        let mut record = complaint.as_record().clone();
        let mut complaint = complaint;
        for (event, actor, expected) in cases {
            let ctx = ctx(actor.clone(), at);
            assert_eq!(refuse_record(&mut record, event.clone(), &ctx), *expected);
            let (back, error) = refuse(complaint, event.clone(), &ctx);
            assert_eq!(error, *expected);
            complaint = back;
        }
        let reviewed = complaint
            .apply(valid.clone(), &ctx(supervisor(), at))
            .unwrap();
        assert_eq!(reviewed.stage(), StageKind::Reviewed);
        assert_eq!(reviewed.as_record().review(), Some(valid));
        assert_eq!(
            moves(reviewed.as_record()),
            [
                EventKind::Reopen,
                EventKind::Dispute,
                EventKind::Refer,
                EventKind::Close
            ]
        );
    }

    let unauthorized = |actor: complaint_workflow::Actor| TransitionError::Unauthorized {
        event: EventKind::Review,
        actor: actor.id.clone(),
        required: Role::Supervisor,
        found: actor.role,
    };
    let cases = [
        (review(), agent(), unauthorized(agent())),
        (review(), team_lead(), unauthorized(team_lead())),
        (blank_summary, supervisor(), empty("summary")),
        (blank_action, supervisor(), empty("improvement_actions[1]")),
    ];
    check(executed(), &cases, &review());
    check(dismissed(), &cases, &review());
    check(withdrawn(), &cases, &no_actions);

    for stage in StageKind::ALL.into_iter().filter(|s| s.is_open()) {
        let mut record = record_in(stage);
        assert_eq!(
            refuse_record(&mut record, review(), &ctx(supervisor(), at)),
            TransitionError::NotAllowed {
                event: EventKind::Review,
                stage
            }
        );
    }
}

// ---- R7: the append-only history -----------------------------------------

/// R7: every transition is an entry: who, when, what, numbered 1..n in order;
/// time never goes backwards.
#[test]
fn r7_every_transition_is_recorded_in_order() {
    let steps = steps_to(StageKind::Reviewed);
    let mut record = new_record();
    for (index, step) in steps.iter().enumerate() {
        let version = record.version();
        let appended = record
            .apply(step.event.clone(), &ctx(step.actor.clone(), step.at))
            .unwrap()
            .to_vec();
        assert_eq!(record.version(), version + 1);
        assert_eq!(appended.as_slice(), record.entries_since(version));
        let [entry] = appended.as_slice() else {
            panic!("one entry per event, found {appended:?}");
        };
        assert_eq!(entry.sequence(), index as u64 + 2);
        assert_eq!(entry.complaint_id(), record.id());
        assert_eq!(entry.at(), step.at);
        assert_eq!(entry.actor(), &step.actor);
        assert_eq!(entry.event(), &step.event);
    }
    let sequences: Vec<u64> = record.entries().iter().map(|e| e.sequence()).collect();
    assert_eq!(sequences, (1..=steps.len() as u64 + 1).collect::<Vec<_>>());
    let kinds: Vec<EventKind> = record.entries().iter().map(|e| e.event().kind()).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Accept,
            EventKind::Uphold,
            EventKind::Investigate,
            EventKind::Propose,
            EventKind::Approve,
            EventKind::Execute,
            EventKind::Review,
        ]
    );
    assert!(record.entries().windows(2).all(|w| w[0].at() <= w[1].at()));
    assert!(record.entries().windows(2).all(|w| w[0].id() != w[1].id()));

    // Time going backwards is refused on both faces; the same instant is not.
    let earlier = TransitionError::TimeWentBackwards {
        at: minute(5),
        previous: minute(10),
    };
    let rows = [("R7", "time going backwards", investigate(), earlier)];
    let mut judged_record = record_in(StageKind::Judged);
    let complaint = refuse_rows(&mut judged_record, judged(), rows, &ctx(agent(), minute(5)));
    assert!(
        complaint
            .apply(note("same minute"), &ctx(agent(), minute(10)))
            .is_ok()
    );
}

/// R7: the typed and the stored face record the same history.
#[test]
fn r7_both_faces_record_the_same_history() {
    let typed = reviewed().into_record();
    let stored = record_in(StageKind::Reviewed);
    assert_ne!(typed.id(), stored.id(), "ids are fresh for every complaint");
    let typed: Vec<_> = typed.entries().iter().map(content).collect();
    let stored: Vec<_> = stored.entries().iter().map(content).collect();
    assert_eq!(typed, stored);
}

/// R7: reopening a reviewed complaint starts a new round, judged afresh; the
/// earlier round stays in the history.
#[test]
fn r7_reopen_starts_a_new_round_keeping_history() {
    let at = ctx(agent(), minute(70));
    let blank = Reopen {
        reason: String::new(),
    };
    let mut record = record_in(StageKind::Reviewed);
    let rows = [("R7", "a blank reason", blank, empty("reason"))];
    let complaint = refuse_rows(&mut record, reviewed(), rows, &at);

    // R7, F5: a complaint is reopened once its follow-up is done, not before.
    let reopen = Reopen {
        reason: "The customer is not satisfied at the follow-up".into(),
    };
    assert_eq!(
        refuse_record(&mut record, reopen.clone(), &at),
        TransitionError::FollowUp(FollowUpError::FollowUpOutstanding {
            stage: FollowUpStageKind::Scheduled
        })
    );
    record
        .apply(attempt_follow_up(true), &ctx(agent(), minute(62)))
        .unwrap();
    record
        .apply(complete_follow_up(), &ctx(agent(), minute(64)))
        .unwrap();
    let complaint = complaint
        .apply(attempt_follow_up(true), &ctx(agent(), minute(62)))
        .unwrap()
        .apply(complete_follow_up(), &ctx(agent(), minute(64)))
        .unwrap();

    let before = record.entries().to_vec();
    let typed_before = complaint.as_record().entries().to_vec();
    record.apply(reopen.clone(), &at).unwrap();
    let reopened: Complaint<Accepted> = complaint.apply(reopen, &at).unwrap();
    for record in [&record, reopened.as_record()] {
        assert_eq!(record.stage(), StageKind::Accepted);
        assert_eq!(record.version(), 10);
        assert_eq!(record.reopen_count(), 1);
        assert_eq!(record.judgment(), None);
        assert_eq!(record.findings(), None);
        assert_eq!(record.proposal(), None);
        assert_eq!(record.approval(), None);
        assert_eq!(record.execution(), None);
        assert_eq!(record.review(), None);
        assert_eq!(record.intake(), &accept());
    }
    assert_eq!(&record.entries()[..9], before.as_slice());

    // The new round is judged afresh.
    let judged = reopened
        .apply(uphold(minute(80)), &ctx(agent(), minute(80)))
        .unwrap();
    assert_eq!(
        judged.as_record().judgment(),
        Some(Verdict::Upheld(&uphold(minute(80))))
    );
    assert_eq!(judged.as_record().entries()[..9], typed_before[..]);
    assert_eq!(judged.as_record().version(), 11);
}

// ---- R8: customer takes part ---------------------------------------------

/// R8: options can carry a compensation (never of nothing); the customer's
/// choice is recorded without moving the stage.
#[test]
fn r8_compensation_and_customer_choice_are_recorded() {
    let at = ctx(agent(), minute(30));
    let mut zero = propose();
    zero.options[1].compensation = Some(Compensation {
        amount_minor: 0,
        ..voucher()
    });
    let expected = TransitionError::Remedy(RemedyError::ZeroCompensation { option: 2 });
    let rows = [("R8", "a compensation of nothing", zero, expected)];
    let mut record = record_in(StageKind::Investigated);
    let complaint = refuse_rows(&mut record, investigated(), rows, &at);

    let proposed = complaint.apply(propose(), &at).unwrap();
    let compensation = proposed.as_record().proposal().unwrap().options[1]
        .compensation
        .clone()
        .unwrap();
    assert_eq!(compensation.amount_minor, 20_000);
    assert_eq!(compensation.currency.as_str(), "CNY");
    assert_eq!(proposed.as_record().customer_choice(), None);

    // The customer's choice: an existing option, recorded; the stage stays.
    let later = ctx(agent(), minute(35));
    let (proposed, error) = refuse(proposed, ChooseRemedy { option: 3 }, &later);
    assert_eq!(
        error,
        TransitionError::Remedy(RemedyError::UnknownRemedyOption {
            option: 3,
            available: 2
        })
    );
    let chosen = proposed.apply(ChooseRemedy { option: 2 }, &later).unwrap();
    assert_eq!(chosen.stage(), StageKind::Proposed);
    assert_eq!(chosen.as_record().customer_choice(), Some(2));
    let rechosen = chosen.apply(ChooseRemedy { option: 1 }, &later).unwrap();
    assert_eq!(rechosen.as_record().customer_choice(), Some(1));

    // The approved option carries its compensation into the approval.
    let approved = rechosen
        .apply(Approve { option: 2 }, &ctx(supervisor(), minute(40)))
        .unwrap();
    assert_eq!(approved.as_record().customer_choice(), Some(1));
    assert_eq!(
        approved.as_record().approval().unwrap().option.compensation,
        Some(voucher())
    );

    assert!(Currency::new("cny").is_err());
    assert!(Currency::new("CNYX").is_err());
}

// ---- E6: notes; withdrawal -----------------------------------------------

/// E6: a note can be added in every stage and keeps the stage. On the typed
/// face the bound `Transition<AddNote, Next = S>` proves it at compile time.
#[test]
fn e6_notes_in_every_stage_keep_the_stage() {
    fn typed<S: Transition<AddNote, Next = S>>(complaint: Complaint<S>) {
        let at = ctx(agent(), minute(120));
        let (complaint, error) = refuse(complaint, note(" "), &at);
        assert_eq!(error, empty("text"));
        let version = complaint.as_record().version();
        let noted: Complaint<S> = complaint.apply(note("Customer upset"), &at).unwrap();
        assert_eq!(noted.as_record().version(), version + 1);
        assert_eq!(noted.stage(), S::KIND);
    }
    typed(accepted());
    typed(judged());
    typed(investigated());
    typed(proposed());
    typed(approved());
    typed(executed());
    typed(dismissed());
    typed(withdrawn());
    typed(reviewed());
    typed(closed());

    for stage in StageKind::ALL {
        let mut record = record_in(stage);
        let before = record.clone();
        let at = ctx(team_lead(), minute(120));
        assert_eq!(refuse_record(&mut record, note(""), &at), empty("text"));
        record.apply(note("Customer upset"), &at).unwrap();
        record.apply(note("Called back"), &at).unwrap();
        assert_eq!(record.stage(), stage);
        assert_eq!(record.version(), before.version() + 2);
        assert_eq!(
            record.entries()[..before.entries().len()],
            *before.entries()
        );
        let notes: Vec<_> = record
            .notes()
            .map(|(entry, text)| (entry.sequence(), text))
            .collect();
        let first = before.version() + 1;
        assert_eq!(
            notes,
            [(first, "Customer upset"), (first + 1, "Called back")]
        );
        // A note changes no fact.
        assert_eq!(record.judgment(), before.judgment());
        assert_eq!(record.approval(), before.approval());
        assert_eq!(record.review(), before.review());
    }
}

/// Every open stage can be withdrawn; a finished complaint cannot.
#[test]
fn withdrawal_is_possible_in_every_open_stage_only() {
    let withdraw = Withdraw {
        reason: "The customer settled with the shop".into(),
    };
    for stage in StageKind::ALL {
        let mut record = record_in(stage);
        let at = ctx(agent(), last_time(stage) + Duration::minutes(1));
        if stage.is_open() {
            record.apply(withdraw.clone(), &at).unwrap();
            assert_eq!(record.stage(), StageKind::Withdrawn);
            assert_eq!(record.withdrawal(), Some(&withdraw));
        } else {
            assert_eq!(
                refuse_record(&mut record, withdraw.clone(), &at),
                TransitionError::NotAllowed {
                    event: EventKind::Withdraw,
                    stage
                }
            );
        }
    }
    let mut record = new_record();
    assert_eq!(
        refuse_record(
            &mut record,
            Withdraw { reason: " ".into() },
            &ctx(agent(), minute(1))
        ),
        empty("reason")
    );
}

/// Roles are ordered: what a user interface offers each actor follows
/// `Role::required_for` (R4: only a supervisor sees "approve").
#[test]
fn allowed_events_follow_the_actor_role() {
    let record = record_in(StageKind::Proposed);
    let all: Vec<EventKind> = record.allowed_events().collect();
    assert!(all.contains(&EventKind::Approve));
    assert!(all.contains(&EventKind::ChooseRemedy));
    for actor in [agent(), team_lead(), supervisor()] {
        let offered: Vec<EventKind> = record.allowed_events_for(&actor).collect();
        let expected: Vec<EventKind> = all
            .iter()
            .copied()
            .filter(|&event| Role::required_for(event) <= actor.role)
            .collect();
        assert_eq!(offered, expected, "{}", actor.role);
        assert_eq!(
            offered.contains(&EventKind::Approve),
            actor.role == Role::Supervisor
        );
        assert!(offered.contains(&EventKind::ChooseRemedy));
    }
    assert_eq!(
        record.allowed_events_for(&supervisor()).collect::<Vec<_>>(),
        all
    );
    assert!(Role::Agent < Role::TeamLead && Role::TeamLead < Role::Supervisor);
}
