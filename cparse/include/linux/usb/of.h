/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: USB device tree helpers */
#ifndef _PCSLINT_LINUX_USB_OF_H
#define _PCSLINT_LINUX_USB_OF_H

struct device;

struct device *usb_of_get_companion_dev(struct device *dev);

#endif /* _PCSLINT_LINUX_USB_OF_H */
