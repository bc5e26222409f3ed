/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: input (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_INPUT_H
#define _PCSLINT_LINUX_INPUT_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;
struct input_dev;

struct input_dev __must_check *devm_input_allocate_device(struct device *);

#endif
