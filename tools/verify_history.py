#!/usr/bin/env python3
"""Verify the hash chain of a complaint history written by complaint-workflow.

An auditor's check, written from docs/schema.md ("The hash chain") with
nothing but Python's standard library: it does not use the crate.

    python3 tools/verify_history.py HISTORY.json [--complaint ID] [--head HASH]
    python3 tools/verify_history.py --batch HISTORIES.jsonl

HISTORY.json is a list of entries or a stored record ({"id", "stage",
"version", "entries"}). Prints "ok <version> <head hash>" and exits 0 when
every entry verifies; prints "refused: <kind> at entry <n>: <why>" and exits
1 at the first entry that does not. With --head, the last entry's hash must
be the one given (a checkpoint kept elsewhere). A2: a text sealed as
redacted (a commitment, no salt) must be the tombstone "[redacted]", a
later redact entry must name it, and a redact entry must name only
redacted texts. Entries of schema 1 (no seal)
are sealed as the crate's upgrade does before they are checked. With
--batch, each line of the file is one history (a list of entries or a
stored record, whose "id" is the complaint), and one result line is printed
for each, in order.
"""

import hashlib
import json
import sys

DOMAIN = b"complaint-workflow.v2."
# A2: the text a redacted personal text becomes, and the one personal text
# no redaction may name (the customer's answer to what should improve).
TOMBSTONE = "[redacted]"
KEPT_FOR_REPORTS = "/event/data/outcome/to_improve"
PARTS = ["identity", "at", "actor", "event", "decisions", "command", "texts"]


class Refused(Exception):
    def __init__(self, kind, sequence, why):
        super().__init__(f"{kind} at entry {sequence}: {why}")
        self.kind = kind
        self.sequence = sequence


def canonical(value):
    """The canonical JSON text: keys sorted, no whitespace, UTF-8."""
    if isinstance(value, float):
        raise ValueError("a floating-point number has no canonical text")
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def sha256(*chunks):
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.digest()


def resolve(entry, pointer):
    """The value at a JSON pointer (RFC 6901) of the entry, and its parent."""
    steps = [s.replace("~1", "/").replace("~0", "~") for s in pointer.split("/")[1:]]
    parent, key, node = None, None, entry
    for step in steps:
        parent = node
        if isinstance(node, list):
            key = int(step)
            if key >= len(node):
                raise KeyError(pointer)
        elif isinstance(node, dict):
            key = step
            if key not in node:
                raise KeyError(pointer)
        else:
            raise KeyError(pointer)
        node = parent[key]
    return parent, key, node


def commitment(salt, text):
    return sha256(DOMAIN, b"text\n", salt, text.encode("utf-8"))


def upgrade_salt(entry_id, path):
    uuid_bytes = bytes.fromhex(entry_id.replace("-", ""))
    return sha256(DOMAIN, b"upgrade-salt\n", uuid_bytes, path.encode("utf-8"))[:16]


def part_digests(entry, texts, position):
    """The seven parts' digests, given the texts' seals."""
    event = json.loads(json.dumps(entry["event"]))
    committed = []
    for seal in texts:
        path = seal["path"]
        try:
            parent, key, text = resolve({"event": entry["event"]}, path)
        except (KeyError, ValueError):
            raise Refused("altered", position, f"no text at {path}")
        if "salt" in seal:
            if not isinstance(text, str):
                raise Refused("altered", position, f"no text at {path}")
            value = commitment(bytes.fromhex(seal["salt"]), text).hex()
        else:
            value = seal["commitment"]
        committed.append({"commitment": value, "path": path})
        # The event is hashed with its personal texts as null.
        parent, key, _ = resolve({"event": event}, path)
        parent[key] = None
    values = {
        "identity": {
            "complaint_id": entry["complaint_id"],
            "id": entry["id"],
            "sequence": entry["sequence"],
        },
        "at": entry["at"],
        "actor": entry["actor"],
        "event": event,
        "decisions": entry.get("effects", []),
        "command": entry.get("command"),
        "texts": committed,
    }
    return [
        sha256(DOMAIN, name.encode(), b"\n", canonical(values[name])) for name in PARTS
    ]


def entry_hash(upgraded, previous, digests):
    kind = b"upgraded-entry\n" if upgraded else b"entry\n"
    link = bytes.fromhex(previous) if previous else bytes(32)
    return sha256(DOMAIN, kind, link, *digests)


def personal_paths_of_upgrade(entry):
    """Schema 1 entries carry no list of their personal texts: the crate's
    list (docs/schema.md, "Personal texts") is needed to upgrade them."""
    data = entry["event"].get("data") or {}
    kind = entry["event"]["type"]
    paths = []

    def field(name):
        paths.append(f"/event/data/{name}")

    simple = {
        "accept": "content", "dismiss": "reply", "decline": "reason",
        "reopen": "reason", "dispute": "reason", "record_referral_outcome": "note",
        "withdraw": "reason", "personal_data_erased": "reason", "add_note": "text",
        "escalate": "reason", "repeat_contact": "content", "handover": "note",
        "give_up_follow_up": "note", "contact": "summary", "transfer": "reason",
        "await_customer": "reason", "customer_replied": "summary",
        "progress_update": "summary", "await_third_party": "reason",
        "third_party_replied": "summary", "extend_deadline": "reason",
        "reclassify": "reason",
    }
    optional = {"close": "note", "attempt_follow_up": "note"}
    if kind in simple:
        field(simple[kind])
    elif kind in optional:
        if data.get(optional[kind]) is not None:
            field(optional[kind])
    elif kind == "investigate":
        field("findings/description")
        for i, _ in enumerate(data["findings"].get("responsible_parties", [])):
            field(f"findings/responsible_parties/{i}/person")
    elif kind == "propose":
        for i, _ in enumerate(data.get("options", [])):
            field(f"options/{i}/description")
    elif kind == "execute":
        for i, _ in enumerate(data.get("accountability", [])):
            field(f"accountability/{i}/person")
            field(f"accountability/{i}/penalty")
        if data.get("feedback") is not None:
            field("feedback")
    elif kind == "review":
        field("summary")
        for i, _ in enumerate(data.get("improvement_actions", [])):
            field(f"improvement_actions/{i}")
    elif kind == "resolve_on_first_contact":
        field("remedy/description")
        field("customer_acceptance")
    elif kind == "complete_follow_up":
        outcome = data["outcome"]
        field("outcome/suggestions" if "suggestions" in outcome else "outcome/to_improve")
    return paths


def seal_of(entry, previous, position):
    """The entry's seal: stored, or made as the crate's upgrade makes it."""
    if entry.get("schema") == 1:
        if "seal" in entry:
            raise Refused("malformed", position, "schema 1 has no seal")
        texts = [
            {"path": path, "salt": upgrade_salt(entry["id"], path).hex()}
            for path in personal_paths_of_upgrade(entry)
        ]
        digests = part_digests(entry, texts, position)
        return {
            "upgraded_from": 1,
            "previous": previous,
            "texts": texts,
            "checks": "".join(d[:4].hex() for d in digests),
            "hash": entry_hash(True, previous, digests).hex(),
        }, True
    if "seal" not in entry:
        raise Refused("unsealed", position, "a sealed schema has a seal")
    return entry["seal"], False


class Redactions:
    """A2: the past changed exactly as the history's redact entries say."""

    def __init__(self):
        self.redacted = set()
        self.unlicensed = set()
        self.first_kept = None

    def see(self, entry, seal, position):
        for text in seal.get("texts", []):
            path = text["path"]
            if "salt" not in text:
                _, _, value = resolve({"event": entry["event"]}, path)
                if value != TOMBSTONE:
                    raise Refused(
                        "redacted_not_tombstone", position,
                        f"the text at {path} is sealed as redacted but is not {TOMBSTONE}",
                    )
                self.redacted.add((position, path))
                self.unlicensed.add((position, path))
            elif self.first_kept is None and path != KEPT_FOR_REPORTS:
                self.first_kept = (position, path)
        event = entry["event"]
        if event["type"] != "redact":
            return
        target = event["data"]["target"]
        if target == "all_personal_text":
            if self.first_kept is not None:
                sequence, path = self.first_kept
                raise Refused(
                    "redaction_not_applied", position,
                    f"it names the text at {path} of entry {sequence}, which is not redacted",
                )
            self.unlicensed.clear()
            return
        for text in target["texts"]:
            key = (text["sequence"], text["path"])
            if text["path"] == KEPT_FOR_REPORTS or key not in self.redacted:
                raise Refused(
                    "redaction_not_applied", position,
                    f"it names the text at {key[1]} of entry {key[0]}, which is not redacted",
                )
            self.unlicensed.discard(key)

    def finish(self):
        if self.unlicensed:
            sequence, path = min(self.unlicensed)
            raise Refused(
                "unlicensed_redaction", sequence,
                f"the text at {path} is redacted and no redaction names it",
            )


def verify(entries, complaint=None):
    """Verifies the chain; returns (version, head hash)."""
    if not entries:
        raise Refused("dropped", 1, "the history is empty")
    if complaint is not None and entries[0]["complaint_id"] != complaint:
        raise Refused("foreign_history", 1, f"the history is complaint {entries[0]['complaint_id']}'s")
    head = head_previous = None
    sealed_when_written = False
    redactions = Redactions()
    for index, entry in enumerate(entries):
        position = index + 1
        seal, upgraded = seal_of(entry, head, position)
        if upgraded and sealed_when_written:
            raise Refused("unsealed", position, "no seal after a sealed entry")
        link = seal.get("previous")
        if link != head:
            rest = [e.get("seal", {}) for e in entries[position:]]
            if position == 1:
                raise Refused("dropped", 1, "the first entry links to an entry before it")
            if link is not None and link == head_previous:
                raise Refused("inserted", position - 1, "the entry after it links past it")
            links_later = link is not None and any(r.get("hash") == link for r in rest)
            copied = any(r.get("hash") == seal.get("hash") for r in rest)
            if links_later and not copied:
                raise Refused("reordered", position, "it links to an entry after it")
            if rest and rest[0].get("previous") == head:
                raise Refused("inserted", position, "the entry after it links to the one before")
            if links_later:
                raise Refused("reordered", position, "it links to an entry after it")
            raise Refused("dropped", position, "it links to an entry not in the history")
        digests = part_digests(entry, seal.get("texts", []), position)
        checks = "".join(d[:4].hex() for d in digests)
        for number, part in enumerate(PARTS):
            if checks[8 * number: 8 * number + 8] != seal["checks"][8 * number: 8 * number + 8]:
                raise Refused("altered", position, f"its {part} is not what was sealed")
        if entry_hash("upgraded_from" in seal, link, digests).hex() != seal["hash"]:
            raise Refused("hash_changed", position, "its hash is not the hash of its content")
        redactions.see(entry, seal, position)
        sealed_when_written |= "upgraded_from" not in seal
        head_previous, head = link, seal["hash"]
    redactions.finish()
    return len(entries), head


def check(stored, options):
    """One history's result line and exit code."""
    entries = stored["entries"] if isinstance(stored, dict) else stored
    complaint = options.get("--complaint")
    if complaint is None and isinstance(stored, dict):
        complaint = stored.get("id")
    try:
        if not isinstance(entries, list):
            raise TypeError("a history is a list of entries")
        version, head = verify(entries, complaint)
        expected = options.get("--head")
        if expected is not None and expected != head:
            raise Refused("checkpoint", version, f"the head is {head}, the checkpoint says {expected}")
    except Refused as refused:
        return f"refused: {refused}", 1
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        return f"refused: malformed at entry ?: {error!r}", 1
    return f"ok {version} {head}", 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "--batch" and len(argv) == 3:
        # One history a line; one result line each; exit 1 if any is refused.
        worst = 0
        with open(argv[2], encoding="utf-8") as file:
            for line in file:
                if line.strip():
                    text, code = check(json.loads(line), {})
                    print(text)
                    worst = max(worst, code)
        return worst
    with open(argv[1], encoding="utf-8") as file:
        stored = json.load(file)
    text, code = check(stored, dict(zip(argv[2::2], argv[3::2])))
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
