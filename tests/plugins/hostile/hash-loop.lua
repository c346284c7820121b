-- hash-loop.lua - hostile plugin: few instructions, each a lot of work in C (hashing 2 MiB),
-- inside pcall inside a loop
return {
	id = "hostile.hash-loop",
	severity = "error",
	description = "hostile test plugin: hashing 2 MiB over and over, inside pcall",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local s = string.rep("x", 2 << 20)
		while true do pcall(csrlint.hash, "sha512", s) end
	end,
}
