"""The assessment feature's rules: questions, steps, flow, eligibility, needs, outcome."""
