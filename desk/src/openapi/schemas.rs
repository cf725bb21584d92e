//! Schemas of the core's types the API carries (events, the intake form,
//! records, entries, roles): the core does not derive them, so they are
//! written here, their enumerations read from the core's own lists
//! (`EventKind::ALL`, `StageKind::ALL`, `Role::ALL`, `Channel::ALL`,
//! `Severity::ALL`) in their serde names, so a new event or stage appears in
//! the document without an edit here.

use std::borrow::Cow;

use complaint_workflow::{Channel, EventKind, Role, Severity, StageKind};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::{KnownFormat, Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// The serde names of `values`: what the JSON carries.
fn names<T: Serialize>(values: impl IntoIterator<Item = T>) -> Vec<Value> {
    values
        .into_iter()
        .filter_map(|value| serde_json::to_value(value).ok())
        .collect()
}

fn string(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

fn formatted(description: &str, format: KnownFormat) -> ObjectBuilder {
    string(description).format(Some(SchemaFormat::KnownFormat(format)))
}

fn uuid(description: &str) -> ObjectBuilder {
    string(description).format(Some(SchemaFormat::Custom("uuid".to_owned())))
}

/// No properties but the listed ones.
fn closed() -> Option<AdditionalProperties<Schema>> {
    Some(AdditionalProperties::FreeForm(false))
}

fn reference(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

fn any_object(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(description))
}

/// Implements `ToSchema` for a marker type: its name and its schema.
macro_rules! schema {
    ($(#[$doc:meta])* $name:ident, $build:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                let build: fn() -> Schema = $build;
                RefOr::T(build())
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

schema!(
    /// An event kind's snake-case name (`uphold`, `add_note`, …).
    EventKindName,
    || {
        string("an event kind")
            .enum_values(Some(names(EventKind::ALL)))
            .into()
    }
);

schema!(
    /// A stage's snake-case name.
    StageName,
    || {
        string("a stage of the procedure")
            .enum_values(Some(names(StageKind::ALL)))
            .into()
    }
);

schema!(
    /// A role's name.
    RoleName,
    || {
        string("a staff role")
            .enum_values(Some(names(Role::ALL)))
            .into()
    }
);

schema!(
    /// A complaint id: a UUID.
    ComplaintId,
    || uuid("a complaint id").into()
);

schema!(
    /// One event: `{"type": "<kind>", "data": {…}}`.
    Event,
    || {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "one event of the procedure: its kind and its fields (docs/schema.md); \
                 unknown fields are refused",
            ))
            .property("type", reference("EventKindName"))
            .required("type")
            .property(
                "data",
                any_object("the event's fields; absent for an event without any"),
            )
            .additional_properties(closed())
            .examples([json!({"type": "add_note", "data": {"text": "Called the shop"}})])
            .into()
    }
);

schema!(
    /// The intake form (R1): who complains, when and how, about what.
    Accept,
    || {
        let complainant = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("id", string("the application's id of the customer"))
            .required("id")
            .property(
                "member",
                ObjectBuilder::new()
                    .schema_type(Type::Boolean)
                    .description(Some("every member's complaint gets a follow-up (F5)")),
            )
            .required("member")
            .property("zone", string("the customer's IANA time zone (F4)"))
            .property("quiet_hours", any_object("the customer's quiet hours (F4)"));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("a complaint as it is received (R1); unknown fields are refused"))
            .property("complainant", complainant)
            .required("complainant")
            .property(
                "received_at",
                formatted("when it reached the company (RFC 3339)", KnownFormat::DateTime),
            )
            .required("received_at")
            .property(
                "channel",
                string("how it reached the company").enum_values(Some(names(Channel::ALL))),
            )
            .required("channel")
            .property("content", string("what the customer says; not empty"))
            .required("content")
            .property("category", string("the subject classification (S1); not empty"))
            .required("category")
            .property(
                "severity",
                string("how serious it is (E1)").enum_values(Some(names(Severity::ALL))),
            )
            .required("severity")
            .additional_properties(closed())
            .into()
    }
);

schema!(
    /// One entry of a history: an event as it was applied.
    Entry,
    || {
        let actor = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("id", string("the user name"))
            .required("id")
            .property("role", reference("RoleName"))
            .required("role");
        let count = || {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1))
        };
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("an applied event, as stored (docs/schema.md)"))
            .property("schema", count())
            .required("schema")
            .property("id", uuid("the entry's id"))
            .required("id")
            .property("complaint_id", reference("ComplaintId"))
            .required("complaint_id")
            .property("sequence", count().description(Some("its place in the history, from 1")))
            .required("sequence")
            .property("at", formatted("when it was applied", KnownFormat::DateTime))
            .required("at")
            .property("actor", actor)
            .required("actor")
            .property("event", reference("Event"))
            .required("event")
            .property(
                "effects",
                ArrayBuilder::new().items(any_object("a decision the event's rule made")),
            )
            .property("command", string("the command id (`<user>/<Idempotency-Key>`)"))
            .into()
    }
);

schema!(
    /// A stored record: its id, stage, version and history.
    ComplaintRecord,
    || {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("a complaint: the summary fields are checked against the history"))
            .property("id", reference("ComplaintId"))
            .required("id")
            .property("stage", reference("StageName"))
            .required("stage")
            .property(
                "version",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(1))
                    .description(Some("the number of entries; the `ETag`")),
            )
            .required("version")
            .property("entries", ArrayBuilder::new().items(reference("Entry")))
            .required("entries")
            .into()
    }
);

schema!(
    /// A complaint whose next deadline is due.
    DueComplaint,
    || {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("complaint_id", reference("ComplaintId"))
            .required("complaint_id")
            .property("due", formatted("when its next deadline is due", KnownFormat::DateTime))
            .required("due")
            .into()
    }
);
