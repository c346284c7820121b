-- iot-fleet.lua - an IoT fleet: every device names its serialNumber in the subject, its
-- O is the fleet operator, and its key is P-256.
return {
	description = "IoT fleet: serialNumber in the subject, P-256 keys only",
	profile = "private-pki",
	params = {
		required_subject = { "serialNumber", "CN" },
		allowed_values = { O = { "Example Devices Ltd" } },
		allowed_keys = { "P-256" },
	},
	-- devices have no DNS names
	disable = { "san.missing" },
}
