-- subject_org.lua - the subject O must be the organisation of the account that asks
-- (passed per request with --param organization=...).
-- Fix: each O that differs is set to the account's organisation, in place; a missing O is
-- left for a person to add.
return {
	id = "policy.subject.o-mismatch",
	severity = "error",
	description = "The subject O differs from the account's organisation",
	citation = "Local CA policy (param organization)",
	profiles = { "all" },
	params = { organization = "" },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (p.organization ~= "") then return end
		local found = false
		for _, ava in ipairs(csr:subject()) do
			if ava.name == "O" then
				found = true
				if ava.value ~= p.organization then
					report(("subject O %q is not the account's organisation %q"):format(
						ava.value, p.organization), ava.node)
				end
			end
		end
		if not found then
			report(("the subject has no O; the account's organisation is %q"):format(
				p.organization))
		end
	end,
	fix = function(req, findings, p)
		for _, ava in ipairs(req:subject()) do
			if ava.name == "O" and ava.value ~= p.organization then
				req:set_subject_value(ava.index, p.organization)
			end
		end
	end,
}
