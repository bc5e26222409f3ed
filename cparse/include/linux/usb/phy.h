/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: usb/phy (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_USB_PHY_H
#define _PCSLINT_LINUX_USB_PHY_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;
struct usb_phy;
enum usb_phy_type {
	USB_PHY_TYPE_UNDEFINED,
	USB_PHY_TYPE_USB2,
	USB_PHY_TYPE_USB3,
};

struct usb_phy *usb_get_phy(enum usb_phy_type type);
struct usb_phy *devm_usb_get_phy(struct device *dev, enum usb_phy_type type);
struct usb_phy *devm_usb_get_phy_by_phandle(struct device *dev,
	const char *phandle, u8 index);
void usb_put_phy(struct usb_phy *);

#endif
