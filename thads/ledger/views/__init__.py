"""Ledger screens, one module per screen: payments with their receipt, reversals, payouts with
fees, held money.

Thin views over ledger.services and ledger.selectors. Who may write follows the case screens
(thads.cases.permissions.may_record): officers on their own cases, clerks the money of their
unit's cases, heads and deputies everything of their unit; inspectors and leaders read only.
Held money is the unit's: clerks, heads and deputies. Outside the user's scope: 404; visible
but not writable: 403; refused by a rule: 400 with the message (and article); stale: 409.
"""
