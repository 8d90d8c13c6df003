"""The local-services directory screens: find and refer, a participant's referrals, add or edit
a service by hand, import Open Referral UK files."""
