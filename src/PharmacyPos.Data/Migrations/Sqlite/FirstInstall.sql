CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "drugs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_drugs" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Barcode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Specification" TEXT NOT NULL,
    "Manufacturer" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "RetailPrice" INTEGER NOT NULL,
    "PinyinInitials" TEXT NOT NULL,
    "NationalCode" TEXT NULL,
    "WhollySelfPaid" INTEGER NOT NULL,
    "Category" INTEGER NULL
);

CREATE TABLE "orders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_orders" PRIMARY KEY AUTOINCREMENT,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "TerminalId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PaidAt" INTEGER NULL,
    "Total" INTEGER NOT NULL,
    "Method" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "CashReceived" INTEGER NULL,
    "Change" INTEGER NULL
);

CREATE TABLE "order_lines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_order_lines" PRIMARY KEY AUTOINCREMENT,
    "LineNo" INTEGER NOT NULL,
    "DrugCode" TEXT NOT NULL,
    "DrugName" TEXT NOT NULL,
    "Specification" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "NationalCode" TEXT NULL,
    "WhollySelfPaid" INTEGER NOT NULL,
    "UnitPrice" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "OrderId" INTEGER NULL,
    CONSTRAINT "FK_order_lines_orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "orders" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_drugs_Barcode" ON "drugs" ("Barcode");

CREATE UNIQUE INDEX "IX_drugs_Code" ON "drugs" ("Code");

CREATE INDEX "IX_drugs_PinyinInitials" ON "drugs" ("PinyinInitials");

CREATE INDEX "IX_order_lines_OrderId" ON "order_lines" ("OrderId");

CREATE INDEX "IX_orders_StoreId_CreatedAt" ON "orders" ("StoreId", "CreatedAt");

CREATE UNIQUE INDEX "IX_orders_TradeNo" ON "orders" ("TradeNo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128233600_Initial', '10.0.15');

ALTER TABLE "orders" ADD "CancelRequested" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "orders" ADD "ChannelTradeId" TEXT NULL;

ALTER TABLE "orders" ADD "ConfirmDeadline" INTEGER NULL;

ALTER TABLE "orders" ADD "FailureCode" TEXT NULL;

ALTER TABLE "orders" ADD "FailureMessage" TEXT NULL;

ALTER TABLE "orders" ADD "FinishedAt" INTEGER NULL;

ALTER TABLE "orders" ADD "InsuredName" TEXT NULL;

ALTER TABLE "orders" ADD "PsnNo" TEXT NULL;

ALTER TABLE "orders" ADD "RouteExplanation" TEXT NULL;

CREATE TABLE "registrations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_registrations" PRIMARY KEY AUTOINCREMENT,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "RegisteredAt" INTEGER NOT NULL,
    "Method" INTEGER NOT NULL,
    "Amount" INTEGER NOT NULL,
    "InsuredName" TEXT NOT NULL,
    "PsnNo" TEXT NOT NULL,
    "PurchaserName" TEXT NOT NULL,
    "PurchaserId" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Relation" TEXT NOT NULL
);

CREATE INDEX "IX_orders_Status_CreatedAt" ON "orders" ("Status", "CreatedAt");

CREATE INDEX "IX_registrations_StoreId_RegisteredAt" ON "registrations" ("StoreId", "RegisteredAt");

CREATE UNIQUE INDEX "IX_registrations_TradeNo" ON "registrations" ("TradeNo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129001054_MobilePayment', '10.0.15');

CREATE TABLE "refunds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_refunds" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "RefundNo" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "FailureMessage" TEXT NULL,
    "Attempts" INTEGER NOT NULL
);

CREATE INDEX "IX_orders_StoreId_PsnNo_CreatedAt" ON "orders" ("StoreId", "PsnNo", "CreatedAt");

CREATE UNIQUE INDEX "IX_refunds_OrderId" ON "refunds" ("OrderId");

CREATE UNIQUE INDEX "IX_refunds_RefundNo" ON "refunds" ("RefundNo");

CREATE INDEX "IX_refunds_Status_RequestedAt" ON "refunds" ("Status", "RequestedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129002753_Refunds', '10.0.15');

ALTER TABLE "orders" ADD "Version" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129004008_OrderVersion', '10.0.15');

ALTER TABLE "orders" ADD "SettledUnattended" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "payment_journal" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_payment_journal" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TradeNo" TEXT NOT NULL,
    "RefundNo" TEXT NULL,
    "At" INTEGER NOT NULL,
    "Event" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_payment_journal_TradeNo_Id" ON "payment_journal" ("TradeNo", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129012511_PaymentJournal', '10.0.15');

CREATE TABLE "reconciliation_runs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_reconciliation_runs" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Day" TEXT NOT NULL,
    "RanAt" INTEGER NOT NULL,
    "TradesCompared" INTEGER NOT NULL,
    "DifferenceCount" INTEGER NOT NULL,
    "Report" TEXT NOT NULL
);

CREATE INDEX "IX_reconciliation_runs_StoreId_Day_RanAt" ON "reconciliation_runs" ("StoreId", "Day", "RanAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129014231_Reconciliation', '10.0.15');

DROP INDEX "IX_registrations_TradeNo";

DROP INDEX "IX_refunds_OrderId";

DROP INDEX "IX_refunds_RefundNo";

DROP INDEX "IX_refunds_Status_RequestedAt";

DROP INDEX "IX_payment_journal_TradeNo_Id";

DROP INDEX "IX_orders_Status_CreatedAt";

DROP INDEX "IX_orders_TradeNo";

ALTER TABLE "order_lines" ADD "StoreId" INTEGER NOT NULL DEFAULT 0;

UPDATE order_lines SET StoreId = (SELECT o.StoreId FROM orders o WHERE o.Id = order_lines.OrderId);

CREATE TABLE "stores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_stores" PRIMARY KEY,
    "No" INTEGER NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "terminals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_terminals" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "No" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "LastSignIn" INTEGER NULL
);

CREATE UNIQUE INDEX "IX_registrations_StoreId_TradeNo" ON "registrations" ("StoreId", "TradeNo");

CREATE UNIQUE INDEX "IX_refunds_StoreId_OrderId" ON "refunds" ("StoreId", "OrderId");

CREATE UNIQUE INDEX "IX_refunds_StoreId_RefundNo" ON "refunds" ("StoreId", "RefundNo");

CREATE INDEX "IX_refunds_StoreId_Status_RequestedAt" ON "refunds" ("StoreId", "Status", "RequestedAt");

CREATE INDEX "IX_payment_journal_StoreId_TradeNo_Id" ON "payment_journal" ("StoreId", "TradeNo", "Id");

CREATE INDEX "IX_orders_StoreId_Status_CreatedAt" ON "orders" ("StoreId", "Status", "CreatedAt");

CREATE UNIQUE INDEX "IX_orders_StoreId_TradeNo" ON "orders" ("StoreId", "TradeNo");

CREATE INDEX "IX_orders_TradeNo" ON "orders" ("TradeNo");

CREATE UNIQUE INDEX "IX_stores_No" ON "stores" ("No");

CREATE UNIQUE INDEX "IX_terminals_StoreId_No" ON "terminals" ("StoreId", "No");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129020332_StoresAndStoreKeys', '10.0.15');

ALTER TABLE "refunds" ADD "ApprovedBy" TEXT NULL;

CREATE TABLE "audit_log" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Terminal" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "TradeNo" TEXT NULL,
    "Amount" INTEGER NULL,
    "Approver" TEXT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "staff_accounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_staff_accounts" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "UserName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "MustChangePassword" INTEGER NOT NULL,
    "FailedSignIns" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "Disabled" INTEGER NOT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "store_settings" (
    "StoreId" INTEGER NOT NULL CONSTRAINT "PK_store_settings" PRIMARY KEY,
    "RegistrationThreshold" INTEGER NOT NULL,
    "RefundApprovalThreshold" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NULL,
    "UpdatedBy" TEXT NULL
);

CREATE INDEX "IX_audit_log_StoreId_At" ON "audit_log" ("StoreId", "At");

CREATE INDEX "IX_audit_log_StoreId_TradeNo" ON "audit_log" ("StoreId", "TradeNo");

CREATE UNIQUE INDEX "IX_staff_accounts_UserName" ON "staff_accounts" ("UserName");

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129042712_AccountsAuditPersonalData', '10.0.15');

CREATE TABLE "staff_sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_staff_sessions" PRIMARY KEY,
    "AccountId" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL
);

CREATE INDEX "IX_staff_sessions_AccountId" ON "staff_sessions" ("AccountId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129194204_StaffSessions', '10.0.15');

ALTER TABLE "store_settings" ADD "Address" TEXT NOT NULL DEFAULT '';

ALTER TABLE "store_settings" ADD "Name" TEXT NOT NULL DEFAULT '';

ALTER TABLE "store_settings" ADD "Phone" TEXT NOT NULL DEFAULT '';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129213509_StoreIdentity', '10.0.15');

ALTER TABLE "store_settings" ADD "PrintReceiptWhenPaid" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130004228_ReceiptPrintSetting', '10.0.15');

ALTER TABLE "orders" ADD "Cashier" TEXT NULL;

ALTER TABLE "orders" ADD "CashierName" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130031037_OrderCashier', '10.0.15');

ALTER TABLE "store_settings" ADD "NearExpiryDays" INTEGER NOT NULL DEFAULT 90;

CREATE TABLE "stock_batches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_stock_batches" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "DrugCode" TEXT NOT NULL,
    "LotNo" TEXT NOT NULL,
    "ProducedOn" TEXT NOT NULL,
    "ExpiresOn" TEXT NOT NULL,
    "Supplier" TEXT NULL,
    "CostPrice" INTEGER NULL,
    "ReceivedAt" INTEGER NOT NULL
);

CREATE TABLE "stock_movements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_stock_movements" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "BatchId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "TradeNo" TEXT NULL,
    "At" INTEGER NOT NULL,
    "By" TEXT NOT NULL,
    CONSTRAINT "FK_stock_movements_stock_batches_BatchId" FOREIGN KEY ("BatchId") REFERENCES "stock_batches" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_stock_batches_StoreId_DrugCode_LotNo" ON "stock_batches" ("StoreId", "DrugCode", "LotNo");

CREATE INDEX "IX_stock_batches_StoreId_ExpiresOn" ON "stock_batches" ("StoreId", "ExpiresOn");

CREATE INDEX "IX_stock_movements_BatchId_Quantity" ON "stock_movements" ("BatchId", "Quantity");

CREATE INDEX "IX_stock_movements_StoreId_TradeNo" ON "stock_movements" ("StoreId", "TradeNo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130035039_StockBatches', '10.0.15');

ALTER TABLE "store_settings" ADD "RefuseOutOfStock" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "order_lines" ADD "BatchId" INTEGER NULL;

ALTER TABLE "order_lines" ADD "ExpiresOn" TEXT NULL;

ALTER TABLE "order_lines" ADD "LotNo" TEXT NULL;

ALTER TABLE "order_lines" ADD "Manufacturer" TEXT NOT NULL DEFAULT '';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130060503_SaleBatches', '10.0.15');

ALTER TABLE "stock_batches" ADD "OnHand" INTEGER NOT NULL DEFAULT 0;

UPDATE stock_batches SET "OnHand" = COALESCE((SELECT SUM(m."Quantity") FROM stock_movements m WHERE m."BatchId" = stock_batches."Id"), 0);

CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements BEGIN
    UPDATE stock_batches SET "OnHand" = "OnHand" + NEW."Quantity" WHERE "Id" = NEW."BatchId" AND "StoreId" = NEW."StoreId";
END;

CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;

CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130063953_StockBalances', '10.0.15');

ALTER TABLE "orders" ADD "ReceiptPrints" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130065056_ReceiptPrints', '10.0.15');

CREATE TABLE "parked_sales" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_parked_sales" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TerminalId" TEXT NOT NULL,
    "Cashier" TEXT NULL,
    "ParkedAt" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "ItemCount" INTEGER NOT NULL,
    "Summary" TEXT NOT NULL,
    "Items" TEXT NOT NULL
);

CREATE INDEX "IX_parked_sales_StoreId_TerminalId_ParkedAt" ON "parked_sales" ("StoreId", "TerminalId", "ParkedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130072922_ParkedSales', '10.0.15');

ALTER TABLE "store_settings" ADD "CashMovementApprovalThreshold" INTEGER NOT NULL DEFAULT 50000;

ALTER TABLE "store_settings" ADD "ShiftDifferenceApprovalThreshold" INTEGER NOT NULL DEFAULT 1000;

ALTER TABLE "refunds" ADD "ShiftId" INTEGER NULL;

ALTER TABLE "orders" ADD "ShiftId" INTEGER NULL;

CREATE TABLE "cash_movements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_cash_movements" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TerminalId" TEXT NOT NULL,
    "ShiftId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "By" TEXT NOT NULL,
    "ApprovedBy" TEXT NULL
);

CREATE TABLE "day_closes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_day_closes" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "Day" TEXT NOT NULL,
    "ClosedAt" INTEGER NOT NULL,
    "ClosedBy" TEXT NOT NULL,
    "Report" TEXT NOT NULL
);

CREATE TABLE "shifts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_shifts" PRIMARY KEY AUTOINCREMENT,
    "StoreId" INTEGER NOT NULL,
    "TerminalId" TEXT NOT NULL,
    "Cashier" TEXT NOT NULL,
    "CashierName" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "Float" INTEGER NULL,
    "HandedOverAt" INTEGER NULL,
    "HandedOverBy" TEXT NULL,
    "Counted" INTEGER NULL,
    "Expected" INTEGER NULL,
    "Difference" INTEGER NULL,
    "DifferenceApprovedBy" TEXT NULL,
    "Closing" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_refunds_StoreId_ShiftId" ON "refunds" ("StoreId", "ShiftId");

CREATE INDEX "IX_orders_StoreId_ShiftId" ON "orders" ("StoreId", "ShiftId");

CREATE INDEX "IX_cash_movements_StoreId_ShiftId" ON "cash_movements" ("StoreId", "ShiftId");

CREATE UNIQUE INDEX "IX_day_closes_StoreId_Day" ON "day_closes" ("StoreId", "Day");

CREATE INDEX "IX_shifts_StoreId_Status_OpenedAt" ON "shifts" ("StoreId", "Status", "OpenedAt");

CREATE UNIQUE INDEX "IX_shifts_StoreId_TerminalId_Cashier" ON "shifts" ("StoreId", "TerminalId", "Cashier") WHERE "Status" = 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130091438_Shifts', '10.0.15');

ALTER TABLE "store_settings" ADD "EphedrineLimit" INTEGER NOT NULL DEFAULT 2;

ALTER TABLE "store_settings" ADD "EphedrineRepeatDays" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "drugs" ADD "Class" INTEGER NOT NULL DEFAULT 3;

ALTER TABLE "drugs" ADD "ContainsEphedrine" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "drugs" ADD "SplitPrice" INTEGER NULL;

ALTER TABLE "drugs" ADD "SplitUnit" TEXT NULL;

ALTER TABLE "drugs" ADD "SplitsPerPack" INTEGER NULL;

CREATE TABLE "ephedrine_sales" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ephedrine_sales" PRIMARY KEY AUTOINCREMENT,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "SoldAt" INTEGER NOT NULL,
    "DrugCode" TEXT NOT NULL,
    "DrugName" TEXT NOT NULL,
    "Specification" TEXT NOT NULL,
    "Manufacturer" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Unit" TEXT NOT NULL,
    "LotNo" TEXT NULL,
    "BuyerName" TEXT NOT NULL,
    "BuyerId" TEXT NOT NULL
);

CREATE TABLE "prescriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_prescriptions" PRIMARY KEY AUTOINCREMENT,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    "Hospital" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "Doctor" TEXT NOT NULL,
    "PatientName" TEXT NOT NULL,
    "PharmacistUserName" TEXT NOT NULL,
    "PharmacistName" TEXT NOT NULL,
    "ReviewedAt" INTEGER NOT NULL,
    "Drugs" TEXT NOT NULL,
    "Photo" BLOB NULL,
    "PhotoType" TEXT NULL
);

CREATE INDEX "IX_ephedrine_sales_StoreId_SoldAt" ON "ephedrine_sales" ("StoreId", "SoldAt");

CREATE INDEX "IX_ephedrine_sales_StoreId_TradeNo" ON "ephedrine_sales" ("StoreId", "TradeNo");

CREATE INDEX "IX_prescriptions_StoreId_RecordedAt" ON "prescriptions" ("StoreId", "RecordedAt");

CREATE UNIQUE INDEX "IX_prescriptions_StoreId_TradeNo" ON "prescriptions" ("StoreId", "TradeNo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130121816_RegulatedDrugs', '10.0.15');

ALTER TABLE "order_lines" ADD "IsSplit" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "order_lines" ADD "UnitsPerQuantity" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "split_sales" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_split_sales" PRIMARY KEY AUTOINCREMENT,
    "TradeNo" TEXT NOT NULL,
    "StoreId" INTEGER NOT NULL,
    "SoldAt" INTEGER NOT NULL,
    "DrugCode" TEXT NOT NULL,
    "DrugName" TEXT NOT NULL,
    "Specification" TEXT NOT NULL,
    "Manufacturer" TEXT NOT NULL,
    "LotNo" TEXT NULL,
    "ExpiresOn" TEXT NULL,
    "Quantity" INTEGER NOT NULL,
    "Unit" TEXT NOT NULL
);

CREATE INDEX "IX_split_sales_StoreId_SoldAt" ON "split_sales" ("StoreId", "SoldAt");

CREATE INDEX "IX_split_sales_StoreId_TradeNo" ON "split_sales" ("StoreId", "TradeNo");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130123605_SplitSales', '10.0.15');

DROP INDEX "IX_drugs_PinyinInitials";

CREATE INDEX "IX_drugs_PinyinInitials_Code" ON "drugs" ("PinyinInitials", "Code");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130155900_PinyinCodeIndex', '10.0.15');

CREATE INDEX "ix_registrations_unsealed" ON "registrations" ("StoreId", "Id") WHERE ("PurchaserId" <> '' AND "PurchaserId" NOT LIKE 'pd1:%') OR ("PsnNo" <> '' AND "PsnNo" NOT LIKE 'pd1:%');

CREATE INDEX "ix_orders_unsealed" ON "orders" ("StoreId", "Id", "PsnNo") WHERE ("PsnNo" <> '' AND "PsnNo" NOT LIKE 'pd1:%');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130195548_UnsealedIndexes', '10.0.15');

