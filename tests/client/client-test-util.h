/* client-test-util.h: helpers shared by the SharokeyClient tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback that stores a reference to @result in the
 * GAsyncResult * that @user_data points to. */
void client_test_store_result (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);

/* Iterates the thread-default main context until *@slot is set; fails
 * the test after 60 seconds. */
void client_test_await        (GAsyncResult **slot);

G_END_DECLS
