/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: ACPI firmware nodes (the tests of a fwnode) */
#ifndef _PCSLINT_LINUX_ACPI_H
#define _PCSLINT_LINUX_ACPI_H

#include <linux/types.h>

struct fwnode_handle;

bool is_acpi_node(const struct fwnode_handle *fwnode);
bool is_acpi_device_node(const struct fwnode_handle *fwnode);
bool is_acpi_data_node(const struct fwnode_handle *fwnode);

#endif /* _PCSLINT_LINUX_ACPI_H */
