/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: usb/of (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_USB_OF_H
#define _PCSLINT_LINUX_USB_OF_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;

struct device *usb_of_get_companion_dev(struct device *dev);

#endif
