"""The local-services directory: services, the order find-as-you-type shows them, referrals.

Pure rules and read models; reading Open Referral UK files is `workwell_tui.directory`, storage
is `db/directory.py` and `db/referrals.py`.
"""
