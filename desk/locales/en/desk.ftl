# The complaint desk's pages in English. Every message here is also in
# zh-CN/desk.ftl (a test compares them).

## The desk

app-name = Complaint desk
nav-label = Main
sign-out = Sign out
answer-yes = yes
answer-no = no
customer-time = customer:
not-found = No such complaint is stored.
csrf-refused = This form has expired or did not come from the desk: nothing was done. Load the page again and send the form from there.
error-title = Something went wrong
error-internal = The desk could not complete the request. Nothing more is known on this page; the log says more.

## Sign-in

sign-in-title = Sign in
sign-in-name = Name
sign-in-password = Password
sign-in-submit = Sign in
sign-in-invalid = The name or the password is wrong.
sign-in-too-many = Too many failed attempts: try again later.

## Queues

queue-title = My queue
queue-lead = Your open complaints, the next due first.
due-title = Due now
due-lead = The team's complaints due within a day, overdue ones first.
queue-empty = Nothing here.
queue-no-deadline = No deadline running.
urgency-overdue = overdue
urgency-at-risk = at risk
urgency-on-time = on time

## The complaint page

complaint-title = Complaint
complaint-version = version
complaint-facts = Facts
complaint-deadlines = Deadlines
complaint-no-deadlines = No deadlines.
complaint-due = due
complaint-follow-up = Follow-up
complaint-no-follow-up = Not scheduled yet.
complaint-actions = What you can do
complaint-no-actions = Nothing, in this stage and with your role.
complaint-timeline = History
complaint-back = Back to the complaint
complaint-stale = The complaint changed since this page was loaded: nothing was written. Load it again, check what changed, and send the form again.
fact-stage = Stage
fact-customer-zone = Customer's time zone
fact-priority = Priority
fact-owner = Owner
fact-no-owner = the department or the role's queue
fact-option = Option { $number }
fact-approved = Approved option (by)
follow-up-stage = Follow-up stage
follow-up-slot = Next attempt
follow-up-attempts = Attempts
follow-up-agreed = Time agreed with the customer
follow-up-scheduled = scheduled
follow-up-attempted = attempted
follow-up-completed = completed
follow-up-exhausted = attempts exhausted
deadline-status-open = running
deadline-status-paused = paused
deadline-status-met = met
deadline-status-cancelled = cancelled

## The lifecycle diagram

diagram-title = Lifecycle
diagram-current = this complaint
diagram-final = The end.
diagram-mermaid = The same as Mermaid text

## Settings

settings-title = Settings
settings-language = Language
settings-zone = Your time zone
settings-zone-help = An IANA name such as Asia/Shanghai, an offset such as +08:00, or UTC.
settings-save = Save
language-en = English
language-zh-CN = 简体中文

## Forms

intake-title = New complaint
form-required = Fill this in.
form-required-mark = required
form-not-a-time = This is not a time (year-month-day hour:minute).
form-not-a-number = This is not a whole number.
form-unknown-zone = Unknown time zone: use an IANA name such as Asia/Shanghai, an offset such as +08:00, or UTC.
form-time-zone = Time in { $zone }
form-unreadable = The form could not be read.
error-field-empty = Fill this in.
error-field-too-long = This is too long.
error-field-in-future = This time is in the future.
error-field-too-early = This time is too early.
error-field-deadline-not-ahead = This time must be after now.
error-unauthorized = Your role may not do this: nothing was done.
error-not-allowed = The complaint's stage does not allow this.

## Stages: the procedure's own words

stage-accepted = Accepted
stage-judged = Judged
stage-investigated = Investigated
stage-proposed = Remedies proposed
stage-approved = Approved
stage-executed = Executed
stage-dismissed = Dismissed
stage-withdrawn = Withdrawn
stage-reviewed = Reviewed
stage-closed = Closed
stage-referred = Referred to an external body

## Events

event-accept = Accept the complaint
event-uphold = Uphold
event-dismiss = Dismiss
event-investigate = Record the investigation
event-propose = Propose remedies
event-choose-remedy = Record the customer's choice
event-approve = Approve a remedy
event-decline = The customer declines
event-execute = Execute the remedy
event-review = Review
event-reopen = Reopen
event-withdraw = Withdraw
event-add-note = Add a note
event-contact = Contact with the customer
event-assign = Assign an owner
event-transfer = Transfer to a department
event-await-customer = Wait for the customer
event-customer-replied = The customer replied
event-progress-update = Progress update to the customer
event-await-third-party = Wait for a third party
event-third-party-replied = The third party replied
event-reclassify = Reclassify (severity, category)
event-extend-deadline = Extend a deadline
event-escalate = Escalate
event-raise-alarm = Raise a deadline's alarm
event-dispute = The customer disputes the final response
event-refer = Refer to an external body
event-record-referral-outcome = Record the body's decision
event-repeat-contact = The customer contacted us again
event-handover = Hand over (shift end)
event-resolve-on-first-contact = Resolve on the first contact
event-attempt-follow-up = Follow-up attempt
event-reschedule-follow-up = Agree a follow-up time
event-complete-follow-up = Complete the follow-up
event-give-up-follow-up = Give up the follow-up
event-close = Close
event-personal-data-erased = Personal data erased
event-redact = Redact personal text

## Deadlines

deadline-first-response = First response
deadline-judgment = Judgment
deadline-investigation = Investigation
deadline-callback-promised = Promised callback
deadline-first-contact = First contact
deadline-transfer-tracking = Transfer tracking
deadline-follow-up = Follow-up
deadline-final-response = Final response
deadline-summary-resolution = Summary resolution
deadline-progress-update = Progress update
deadline-referral = External body's deadline

## Roles

role-agent = agent
role-team-lead = team lead
role-supervisor = supervisor
alarm-at-risk = at risk (its warning time passed)
alarm-breached = breached (its due time passed)
outcome-upheld-by-body = upheld by the body
outcome-not-upheld = not upheld
outcome-settled = settled
outcome-withdrawn = withdrawn by the customer
redaction-all-personal-text = all personal text of this complaint

## Values of the forms

channel-phone = phone
channel-online = online
channel-email = e-mail
channel-sms = SMS
channel-in-person = in person
channel-letter = letter
channel-other = other
severity-low = low
severity-medium = medium
severity-high = high
severity-critical = critical
method-phone = phone
method-email = e-mail
method-sms = SMS
method-letter = letter
method-in-person = in person
method-other = other
root-cause-quality = quality (repair, product)
root-cause-service = service
root-cause-logistics = logistics
root-cause-billing = billing
root-cause-policy = policy
root-cause-other = other
responsibility-direct = directly responsible
responsibility-department-head = head of department
compensation-refund = refund
compensation-cash = cash
compensation-voucher = voucher
compensation-discount = discount
compensation-replacement = replacement
compensation-repair = repair
compensation-other = other
evaluation-effective = effective
evaluation-partly-effective = partly effective
evaluation-ineffective = ineffective
satisfaction-satisfied = satisfied
satisfaction-neutral = neutral
satisfaction-dissatisfied = dissatisfied

## Field labels

field-complainant = Complainant
field-complainant-id = Customer number
field-complainant-member = Member
field-complainant-zone = Customer's time zone (if not ours)
field-received-at = Received at
field-channel = Channel
field-content = What the complaint is about
field-category = Category
field-severity = Severity
field-responsible-department = Responsible department
field-investigation-due = Investigation agreed until
field-reply = Reply given to the customer
field-findings = Findings
field-findings-root-cause = Root cause
field-findings-description = What was found
field-findings-responsible-parties = Responsible persons
field-findings-responsible-parties-person = Person
field-findings-responsible-parties-department = Department
field-findings-responsible-parties-responsibility = Responsibility
field-options = Remedy options
field-options-description = Description
field-options-compensation = Compensation (if any)
field-options-compensation-amount-minor = Amount, in cents or fen
field-options-compensation-currency = Currency (CNY, EUR, …)
field-options-compensation-kind = Kind
field-option = Option
field-reason = Reason
field-target = What to redact
field-accountability = Accountability
field-accountability-person = Person
field-accountability-rule = Rule
field-accountability-penalty = Penalty
field-notification = The customer was told
field-notification-method = How
field-notification-at = When
field-signature = The customer's signature
field-signature-reference = Reference of the signed acceptance
field-signature-signed-at = Signed at
field-feedback = The customer's feedback
field-summary = Summary
field-evaluation = Evaluation
field-improvement-actions = Improvements, one per line
field-text = Note
field-method = How
field-callback-due = Callback promised for
field-owner = Owner
field-department = Department
field-tracking-due = Track until
field-party = Third party
field-deadline = Deadline
field-level = Alarm
field-body = External body
field-reference = The body's reference
field-body-due = The body's deadline
field-body-due-at = Due at
field-outcome = Decision
field-due = New due time
field-to = To
field-note = Note
field-remedy = Remedy
field-remedy-description = Description
field-remedy-compensation = Compensation (if any)
field-remedy-compensation-amount-minor = Amount, in cents or fen
field-remedy-compensation-currency = Currency (CNY, EUR, …)
field-remedy-compensation-kind = Kind
field-customer-acceptance = The customer's acceptance
field-reached = The customer was reached
field-at = Time
field-customer-requested = The customer asked for this time
field-outcome = Result
field-outcome-satisfaction = Satisfaction
field-outcome-text = Suggestions (satisfied) or what to improve

## Reports (S1, S2, S4 over a day, a week or a month: S3)

reports-title = Reports
reports-forbidden = Reports are for team leads and supervisors: nothing is shown to an agent.
report-no-such-file = There is no such download: s1.csv, s2.csv, s4.csv or breaches.csv.
report-period = Period
report-period-day = day
report-period-week = week (ISO, Monday to Sunday)
report-period-month = month
report-date = A date in the period
report-as-of-field = Deadlines judged as of (optional)
report-as-of-help = RFC 3339; empty: now. A deadline still open then counts as missed by the time up to it.
report-show = Show
report-bad-period = “{ $value }” is not a period: choose day, week or month.
report-bad-date = “{ $value }” is not a date the desk can report on: write it as year-month-day (2026-11-23).
report-bad-as-of = “{ $value }” is not a time: write it as RFC 3339 (2026-12-01T00:00:00Z).
report-too-many = The period holds { $count } complaints; a report reads at most { $limit }. Choose a shorter period.
report-range = From { $start } to { $end }.
report-zone-note = The period runs from midnight to midnight in your time zone (the settings), the end excluded.
report-as-of = Deadlines judged as of { $time }.
report-download = Download CSV
report-none = None.
report-count = complaints
report-value = value
report-s1-title = S1 Complaint classification statistics
report-s1-lead = The complaints received in the period:
report-by-outcome = By outcome
report-by-category = By category
report-by-severity = By severity
report-by-channel = By channel
report-by-department = By responsible department (the others have none yet)
report-by-root-cause = By root cause (the others are not investigated)
report-outcome-upheld = upheld
report-outcome-dismissed = dismissed
report-outcome-withdrawn = withdrawn
report-outcome-open = still open
report-time-to = Time from receipt to each milestone
report-reached = reached
report-median = median
report-p90 = 90th percentile
report-recourse = Disputed and referred, of each category's complaints
report-disputed = disputed
report-referred = referred
report-s2-title = S2 Follow-up summary
report-s2-lead = The complaints handled in the period, or followed up in it.
report-follow-up-measures = Coverage
report-handled = handled complaints
report-not-scheduled = follow-up not scheduled
report-scheduled = follow-up scheduled
report-completed = completed
report-exhausted = attempts exhausted
report-pending = pending
report-members-handled = members' complaints handled
report-coverage = coverage (done of handled)
report-member-coverage = member coverage (100 % required)
report-attempts-per-completed = attempts per completed follow-up
report-satisfaction = Satisfaction
report-improvement-points = What customers asked to improve
report-members-without-follow-up = Members' complaints without a done follow-up
report-s4-title = S4 Deadline breaches
report-s4-lead = The deadlines due in the period.
report-deadlines = By deadline
report-deadline = deadline
report-due = due
report-met-on-time = on time
report-breached = breached
report-met-late = met late
report-cancelled-late = cancelled late
report-still-open = still open
report-cancelled = cancelled
report-worst-overdue = worst
report-total-overdue = all together
report-all = all
report-breached-by-kind = Breaches by deadline
report-breach-list = The breaches
report-overdue-by = missed by
report-state = how it ended

## The follow-up day

follow-ups-title = Follow-up day
follow-ups-date = Day
follow-ups-lead = The follow-ups you owe on your complaints, by their next slot, earliest first, in your time and the customer's.
follow-ups-before = the day before
follow-ups-after = the day after
follow-ups-empty = No follow-up is owed on this day.
follow-ups-member = member
follow-ups-passed = slot passed
follow-ups-agreed = agreed with the customer

# The regulator's export (A5)
export-title = Export for a regulator
export-html = the complaint file (HTML)
export-json = the bundle (JSON)
export-forbidden = Exports are for team leads and supervisors: nothing is exported for an agent.
export-bad-dates = Give the period as from=YYYY-MM-DD and to=YYYY-MM-DD, the end not before the start.
export-too-long = The period has { $days } days; an export covers at most { $limit }. Choose a shorter period.
export-too-many = The period holds more than { $limit } complaints, the most one export lists. Choose a shorter period.

## The complaint page's checkpoint (supervisors, A1)

checkpoint-title = Signed checkpoint
checkpoint-version = Version signed
checkpoint-at = Signed as of
checkpoint-key = Key
checkpoint-none = No checkpoint signs this history yet.
checkpoint-verified = The history verifies against its latest checkpoint.
checkpoint-mismatch = The history does not match its checkpoint: it was changed after the checkpoint was signed.
checkpoint-bad-signature = The checkpoint's signature does not verify: the checkpoint itself was altered.
checkpoint-unknown-key = The checkpoint is signed with a key the desk does not trust: it cannot be verified here.
checkpoint-unreadable = The checkpoint could not be read.

## A stored history that does not check out

damaged-line = history does not check out
damaged-title = History does not check out
damaged-at-entry = The stored history of complaint { $id } does not check out at entry { $sequence }.
damaged-whole = The stored history of complaint { $id } does not check out.
damaged-reason = Why:
damaged-no-writes = Nothing is written to this complaint until its history is repaired; it cannot be shown or changed here until then.
damaged-export = Download its export: the history as stored, saying where it breaks
report-left-out = Complaints left out of these figures, as their stored history does not check out: { $count }.
report-left-out-more = and { $count } more
