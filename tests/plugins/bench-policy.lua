-- bench-policy.lua - every bundled rule configured, so that each one runs on each request:
-- the plugin side of `make bench`, and a corpus test that none of them fails.
return {
	params = {
		allowed_suffixes = { "example.com", "example.org", "example.net" },
		denied_suffixes = { "bad.example.com" },
		organization = "Example Inc",
		max_sans = 50,
		deny_wildcards = true,
		required_eku = "serverAuth",
		allowed_keys = { "RSA-2048", "P-256", "P-384", "Ed25519" },
		required_subject = { "CN" },
	},
}
