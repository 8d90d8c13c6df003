"""The national services every directory starts with: real names, real public contact details.

A number is only given where it is confirmed from a public source named beside it; otherwise the
entry gives the website only, so that nobody is ever given a wrong number to ring. These are kept
by source id ("national", key): a coach's own edit of one is never overwritten.
"""

from __future__ import annotations

from workwell_tui.domain.directory.service import SELF, ServiceDraft

SOURCE = "national"

NATIONAL_SERVICES: tuple[ServiceDraft, ...] = (
    # GOV.UK, "Access to Work: get support if you have a disability or health condition".
    ServiceDraft(
        source_id="access-to-work",
        name="Access to Work",
        organisation="Department for Work and Pensions",
        description="Grants for practical support in work or starting work: special aids and "
        "equipment, adaptations, a support worker, travel to work, and the Mental Health "
        "Support Service. For employees the employer is asked first (reasonable adjustments).",
        categories=("access to work", "employment support"),
        areas=("England, Scotland and Wales",),
        phones=("0800 121 7479",),
        website="https://www.gov.uk/access-to-work",
        routes=(SELF,),
        how_to_refer="The person applies themselves, online or by phone.",
        eligibility="Aged 16 or over, in or starting paid work (employed or self-employed).",
        min_age=16,
        cost="Free",
    ),
    # Acas helpline, as on acas.org.uk.
    ServiceDraft(
        source_id="acas",
        name="Acas helpline",
        organisation="Acas",
        description="Free, confidential advice on rights at work for employees and employers: "
        "sick leave, adjustments, disputes, flexible working.",
        categories=("employment advice",),
        areas=("England, Scotland and Wales",),
        phones=("0300 123 1100",),
        website="https://www.acas.org.uk",
        routes=(SELF,),
        cost="Free",
    ),
    # Samaritans, samaritans.org: free to call, any time.
    ServiceDraft(
        source_id="samaritans",
        name="Samaritans",
        organisation="Samaritans",
        description="Someone to talk to, day or night, about anything that is troubling you. "
        "For risk to life, call 999 or go to A&E.",
        categories=("crisis support", "mental health"),
        areas=("UK and Ireland",),
        phones=("116 123",),
        website="https://www.samaritans.org",
        routes=(SELF,),
        schedule="24 hours, every day",
        cost="Free",
    ),
    # NHS 111: option 2 for mental health (NHS England, "Where to get urgent help for mental
    # health").
    ServiceDraft(
        source_id="nhs-111",
        name="NHS 111",
        organisation="NHS",
        description="Urgent medical help and advice when it is not a 999 emergency. Choose "
        "option 2 for the NHS mental health crisis line.",
        categories=("urgent health advice", "crisis support", "mental health"),
        areas=("England",),
        phones=("111",),
        website="https://111.nhs.uk",
        routes=(SELF,),
        schedule="24 hours, every day",
        cost="Free",
    ),
    # Citizens Advice: no number confirmed here, so the website only.
    ServiceDraft(
        source_id="citizens-advice",
        name="Citizens Advice",
        organisation="Citizens Advice",
        description="Free, confidential advice on benefits, work, debt, housing and consumer "
        "problems; local offices and a national phone service (see the website).",
        categories=("advice", "benefits advice", "debt advice"),
        areas=("England",),
        website="https://www.citizensadvice.org.uk",
        routes=(SELF,),
        cost="Free",
    ),
    # StepChange Debt Charity: freephone 0800 138 1111, as stepchange.org gives it.
    ServiceDraft(
        source_id="stepchange",
        name="StepChange Debt Charity",
        organisation="StepChange Debt Charity",
        description="Free debt advice and debt solutions, online or by phone.",
        categories=("debt advice",),
        areas=("UK",),
        phones=("0800 138 1111",),
        website="https://www.stepchange.org",
        routes=(SELF,),
        cost="Free",
    ),
    # National Debtline: no number confirmed here, so the website only.
    ServiceDraft(
        source_id="national-debtline",
        name="National Debtline",
        organisation="Money Advice Trust",
        description="Free, independent debt advice by phone and online (see the website).",
        categories=("debt advice",),
        areas=("England, Wales and Scotland",),
        website="https://nationaldebtline.org",
        routes=(SELF,),
        cost="Free",
    ),
    # Shelter: no number confirmed here, so the website only.
    ServiceDraft(
        source_id="shelter",
        name="Shelter",
        organisation="Shelter",
        description="Housing advice and an emergency helpline for people who are homeless or at "
        "risk of losing their home (see the website).",
        categories=("housing advice",),
        areas=("England",),
        website="https://england.shelter.org.uk",
        routes=(SELF,),
        cost="Free",
    ),
)
