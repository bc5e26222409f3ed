/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: acpi (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_ACPI_H
#define _PCSLINT_LINUX_ACPI_H

#include <linux/types.h>
#include <linux/compiler.h>

struct fwnode_handle;
struct acpi_device;

bool is_acpi_node(const struct fwnode_handle *fwnode);
bool is_acpi_device_node(const struct fwnode_handle *fwnode);
bool is_acpi_data_node(const struct fwnode_handle *fwnode);
void acpi_dev_put(struct acpi_device *adev);

#endif
