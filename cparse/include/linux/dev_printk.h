/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: device log messages. As in the kernel, dev_err()
 * & co. are statement expressions around a call of _dev_err() & co.
 */
#ifndef _PCSLINT_LINUX_DEV_PRINTK_H
#define _PCSLINT_LINUX_DEV_PRINTK_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/err.h>

struct device;

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif

__printf(3, 4) __cold
void dev_printk(const char *level, const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_emerg(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_alert(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_crit(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_warn(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_notice(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold
void _dev_info(const struct device *dev, const char *fmt, ...);

#define dev_printk_index_wrap(_p_func, level, dev, fmt, ...)		\
	({								\
		_p_func(dev, fmt, ##__VA_ARGS__);			\
	})

#define dev_emerg(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_emerg, KERN_EMERG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_crit, KERN_CRIT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_alert, KERN_ALERT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_err, KERN_ERR, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_warn, KERN_WARNING, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_notice, KERN_NOTICE, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) \
	dev_printk_index_wrap(_dev_info, KERN_INFO, dev, dev_fmt(fmt), ##__VA_ARGS__)

/* debug messages are compiled out but still type-checked */
#define dev_no_printk(level, dev, fmt, ...)				\
	({								\
		if (0)							\
			_dev_printk(level, dev, fmt, ##__VA_ARGS__);	\
	})
__printf(3, 4) __cold
void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...);

#define dev_dbg(dev, fmt, ...) \
	dev_no_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_vdbg(dev, fmt, ...) \
	dev_no_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)

#define dev_err_once(dev, fmt, ...)		dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn_once(dev, fmt, ...)		dev_warn(dev, fmt, ##__VA_ARGS__)
#define dev_info_once(dev, fmt, ...)		dev_info(dev, fmt, ##__VA_ARGS__)
#define dev_err_ratelimited(dev, fmt, ...)	dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...)	dev_warn(dev, fmt, ##__VA_ARGS__)

#define dev_WARN(dev, format, ...)	WARN(1, "%s: " format, dev_name(dev), ##__VA_ARGS__)
#define dev_WARN_ONCE(dev, condition, format, ...) \
	WARN_ONCE(condition, "%s: " format, dev_name(dev), ##__VA_ARGS__)

/* logs (unless err is -EPROBE_DEFER) and returns err */
__printf(3, 4) int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);
__printf(3, 4) int dev_warn_probe(const struct device *dev, int err, const char *fmt, ...);

#define dev_err_ptr_probe(dev, ___err, fmt, ...) \
	ERR_PTR(dev_err_probe(dev, ___err, fmt, ##__VA_ARGS__))

#endif /* _PCSLINT_LINUX_DEV_PRINTK_H */
