/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: USB transceivers (the legacy usb_phy API) */
#ifndef _PCSLINT_LINUX_USB_PHY_H
#define _PCSLINT_LINUX_USB_PHY_H

#include <linux/types.h>

struct device;
struct usb_phy;

enum usb_phy_type {
	USB_PHY_TYPE_UNDEFINED,
	USB_PHY_TYPE_USB2,
	USB_PHY_TYPE_USB3,
};

extern struct usb_phy *usb_get_phy(enum usb_phy_type type);
extern struct usb_phy *devm_usb_get_phy(struct device *dev,
	enum usb_phy_type type);
extern struct usb_phy *devm_usb_get_phy_by_phandle(struct device *dev,
	const char *phandle, u8 index);
extern void usb_put_phy(struct usb_phy *x);

#endif /* _PCSLINT_LINUX_USB_PHY_H */
