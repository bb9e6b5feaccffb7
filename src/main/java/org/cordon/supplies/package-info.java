/**
 * Supplies (物资保障): donations (money or goods), fundraising campaigns, stock of items in warehouses kept as
 * append-only movements (donation in, purchase in, dispatch out, adjustment with a reason) with balances derived
 * from them and never negative, requests from posts (checkpoints, compounds, hospitals) with approval, partial
 * dispatches and receipt confirmation, and the public donation ledger. Public API:
 * {@link org.cordon.supplies.StockManagement} (stock and the public ledger), {@link org.cordon.supplies.DonationManagement},
 * {@link org.cordon.supplies.CampaignManagement}, {@link org.cordon.supplies.SupplyRequestManagement} (requests and
 * dispatches; the lifecycle's rules are the package-private {@code SupplyRequest}'s); events
 * {@link org.cordon.supplies.DonationReceived},
 * {@link org.cordon.supplies.StockMoved}, {@link org.cordon.supplies.SupplyRequested},
 * {@link org.cordon.supplies.SupplyDispatched}, {@link org.cordon.supplies.ReceiptConfirmed}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supplies and donation ledger")
package org.cordon.supplies;
