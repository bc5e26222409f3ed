/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: device tree addresses */
#ifndef _PCSLINT_LINUX_OF_ADDRESS_H
#define _PCSLINT_LINUX_OF_ADDRESS_H

#include <linux/types.h>

struct device_node;

extern void __iomem *of_iomap(struct device_node *device, int index);

#endif /* _PCSLINT_LINUX_OF_ADDRESS_H */
