/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: of_address (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_OF_ADDRESS_H
#define _PCSLINT_LINUX_OF_ADDRESS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device_node;

void __iomem *of_iomap(struct device_node *device, int index);

#endif
