-- public-no-wildcards.lua - a public CA that applies Let's Encrypt's rules but issues no
-- wildcard certificates, and spends more rounds on Fermat factoring.
return {
	description = "public CA mirroring letsencrypt, wildcards denied",
	profile = "letsencrypt",
	params = { deny_wildcards = true, max_sans = 100 },
	fermat_rounds = 1000,
}
