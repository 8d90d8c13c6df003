"""The plan: pure rules and read models for the up-to-12-week plan (no Textual, no database).

- `weeks`: plan week from dates, plan length, review weeks and "review due".
- `objectives`: checking an objective, its status and target week; progress notes.
- `contacts`: checking a held or booked contact.
- `distance`: distance travelled, each measure at baseline against each review.
- `closure`: agreeing, extending and closing a plan.
- `safeguarding`: a risk from the assessment as a record of its own, and its follow-up.
- `grid`, `views`: the week grid and the read models the plan screen is given.
- `vocabulary`: closure outcomes, safeguarding status, what is done with a suggestion.
"""
