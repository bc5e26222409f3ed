/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: pin control handles and states */
#ifndef _PCSLINT_LINUX_PINCTRL_CONSUMER_H
#define _PCSLINT_LINUX_PINCTRL_CONSUMER_H

#include <linux/types.h>

struct device;
struct pinctrl;
struct pinctrl_state;

struct pinctrl * __must_check pinctrl_get(struct device *dev);
void pinctrl_put(struct pinctrl *p);
struct pinctrl_state * __must_check pinctrl_lookup_state(struct pinctrl *p,
							 const char *name);
int pinctrl_select_state(struct pinctrl *p, struct pinctrl_state *s);
struct pinctrl * __must_check devm_pinctrl_get(struct device *dev);
void devm_pinctrl_put(struct pinctrl *p);

#endif /* _PCSLINT_LINUX_PINCTRL_CONSUMER_H */
