-- corp-devices.lua - a private CA for the devices of *.corp.example: names under
-- corp.example only, no wildcards, at most 5 names, modern keys, TLS client and server use.
return {
	description = "private CA for *.corp.example devices",
	profile = "private-pki",
	-- internal names are the point of this CA
	disable = { "san.dns.internal-name", "san.dns.tld-unknown" },
	params = {
		allowed_suffixes = { "corp.example" },
		deny_wildcards = true,
		max_sans = 5,
		allowed_keys = { "RSA-2048", "P-256", "P-384", "Ed25519" },
	},
	severity = { ["policy.san.too-many"] = "warning" },
}
