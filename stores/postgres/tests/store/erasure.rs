//! Erasing a complainant's personal data.

use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{Actor, ComplaintRecord, Context, EventKind, Policy};
use complaint_workflow_postgres::PersonalData;

use crate::support::{POLICY, accept, agent, callback, count, fresh, t};

/// The facts a report reads from a complaint, as text to compare.
fn facts(record: &ComplaintRecord) -> String {
    format!(
        "{:?}",
        (
            record.id(),
            record.stage(),
            record.intake(),
            record.judgment(),
            record.deadlines(),
            record.breaches(t(1000)),
            record.follow_up(),
        )
    )
}

/// Erasing a complainant's personal data deletes their contact details,
/// records the erasure on each of their complaints, and leaves every fact
/// the rules and reports read as it was; running it again adds nothing.
#[tokio::test]
async fn erasure_deletes_contact_details_and_keeps_the_facts() {
    let Some(store) = fresh("erasure_deletes_contact_details_and_keeps_the_facts", 2).await else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    // Two complaints of one customer, one with a callback due.
    let mut ids = Vec::new();
    for _ in 0..2 {
        let record = accept("customer-erased", &POLICY);
        store.create(&record, None).await.unwrap();
        ids.push(record.id());
    }
    complaints
        .apply(ids[1], callback(t(5)), &agent(t(1)))
        .await
        .unwrap();
    let customer = complaints
        .load(ids[0])
        .await
        .unwrap()
        .complainant()
        .id
        .clone();
    let data = PersonalData {
        complainant: customer.clone(),
        name: "Lee Siu Ming".into(),
        phone: Some("+852 5550 0199".into()),
        email: Some("siu.ming@example.com".into()),
    };
    store.put_personal_data(&data).await.unwrap();
    assert_eq!(store.personal_data(&customer).await.unwrap(), Some(data));
    let mut before = Vec::new();
    for &id in &ids {
        before.push(complaints.load(id).await.unwrap());
    }
    let policy = Policy::default();
    let supervisor =
        Context::new(Actor::supervisor("supervisor-1"), t(2), &policy).with_command("erasure-1");

    let written = store
        .erase_personal_data(&customer, "customer request", &supervisor)
        .await
        .unwrap();
    assert_eq!(written.len(), 2);
    assert_eq!(store.personal_data(&customer).await.unwrap(), None);
    let again = store
        .erase_personal_data(&customer, "customer request", &supervisor)
        .await
        .unwrap();
    assert!(again.iter().all(|applied| applied.repeated));
    for (record, &id) in before.iter().zip(&ids) {
        let after = complaints.load(id).await.unwrap();
        assert_eq!(after.version(), record.version() + 1);
        assert_eq!(
            after.entries().last().unwrap().event().kind(),
            EventKind::PersonalDataErased
        );
        assert_eq!(&after.entries()[..record.entries().len()], record.entries());
        assert_eq!(facts(&after), facts(record));
    }
    let leaked = count(
        &store,
        "SELECT count(*) FROM entries WHERE body::text LIKE '%Siu Ming%' OR body::text LIKE '%0199%'",
    )
    .await;
    assert_eq!(leaked, 0);
}
