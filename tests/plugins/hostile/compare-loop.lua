-- compare-loop.lua - hostile plugin: comparing two equal 1 MiB strings (distinct objects,
-- so each comparison reads both) in an endless loop: one instruction each
return {
	id = "hostile.compare-loop",
	severity = "error",
	description = "hostile test plugin: comparing two 1 MiB strings over and over",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local a, b = string.rep("y", 1 << 20), string.rep("y", (1 << 20) - 1) .. "y"
		local n = 0
		while true do
			if a == b then n = n + 1 end
		end
	end,
}
