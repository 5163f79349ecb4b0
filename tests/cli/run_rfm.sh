# ltvcrm and the tools analysts check us against: sourced by run.sh (expect, $tool, $tmp, $here).
data="$here/../data"
rfm=("$tool" segment "$data/rfm_data_orders.csv" --column amount=revenue --decimals 0 --as-of 2006-12-31 --counts)
# R rfm 0.3.0's vignette (rfm-transaction-level-data): 995 customers, analysis date 2006-12-31
for want in "Champions,35" "Potential Loyalist,342" "Loyal Customers,170" "Promising,9" "New Customers,104" \
    "Can't Lose Them,47" "At Risk,28" "Need Attention,10" "About To Sleep,102" "Lost,148" "Others,0"; do
    expect "rfm-r-${want%%,*}" 0 "^segment,$want$" -- "${rfm[@]}" --rfm-mode r-rfm
done
# the table may come as a file
printf '# R rfm example, as a file\nChampions: r=5 f=5 m=5\nRest: other\n' >"$tmp/table.txt"
expect rfm-table-file 0 "^segment,Champions,35$" -- "${rfm[@]}" --rfm-mode r-rfm --segments "$tmp/table.txt"
expect rfm-table-file-rest 0 "^segment,Rest,960$" -- "${rfm[@]}" --rfm-mode r-rfm --segments "$tmp/table.txt"
printf 'Champions: r=5 f=5 m=5\nBroken r=1\n' >"$tmp/bad-table.txt"
expect rfm-table-file-error 3 "bad-table.txt: line 2, column 11: expected ':'" -- "${rfm[@]}" --segments "$tmp/bad-table.txt"
expect rfm-table-file-missing 3 "cannot open" -- "${rfm[@]}" --segments "$tmp/none.txt"
# type7 is kept as 1.0 shipped it: not R's counts
expect rfm-type7-differs 0 "^segment,Champions,[0-9]+$" -- "${rfm[@]}" --rfm-mode type7 --segments r-rfm
# per-metric bins
expect rfm-recency-bins 0 "^r,3," -- "${rfm[@]}" --recency-bins 3
expect rfm-recency-bins-json 0 '"r":\{"1":[0-9]+,"2":[0-9]+,"3":[0-9]+,"none":0\}' -- "${rfm[@]}" --recency-bins 3 --format json
expect rfm-bad-bins 2 "LTV_SEG_RFM_MONETARY_BINS 1 is not 0" -- "${rfm[@]}" --monetary-bins 1

# PyMC-Marketing tests/clv/test_utils.py TestRFM.test_rfm_segmentation_config
pymc=("$tool" segment "$data/pymc_test_rfm.csv" --decimals 0 --as-of 2015-02-07 --rfm-mode pymc)
expect pymc-1 0 "^1,.*,4,2,1,Other," -- "${pymc[@]}"
expect pymc-2 0 "^2,.*,1,1,1,Inactive Customer," -- "${pymc[@]}"
expect pymc-3 0 "^3,.*,1,3,2,At Risk Customer," -- "${pymc[@]}"
expect pymc-4 0 "^4,.*,4,3,4,Premium Customer," -- "${pymc[@]}"
expect pymc-5 0 "^5,.*,2,3,3,Repeat Customer," -- "${pymc[@]}"
expect pymc-6 0 "^6,.*,3,1,4,Top Spender," -- "${pymc[@]}"
printf 'Test Segment: codes=111,222,333,444\nOther: other\n' >"$tmp/pymc-custom.txt"
expect pymc-custom 0 "^segment,Test Segment,1$" -- "${pymc[@]}" --segments "$tmp/pymc-custom.txt" --counts
expect pymc-custom-other 0 "^segment,Other,5$" -- "${pymc[@]}" --segments "$tmp/pymc-custom.txt" --counts
# code lists give one segment many entries: counted once per name
expect pymc-counts-by-name 0 "^segment,Top Spender,1$" -- "${pymc[@]}" --counts

# Membership activity (seed 004): a gym member who pays once a year and trains twice a week
{
    echo "customer_id,order_date,amount,kind"
    echo "core,2026-01-05,60000,order"
    for d in 01 05 09 13 17 21 25 29; do echo "core,2026-10-$d,0,visit"; done
    echo "quit,2026-09-20,5000,order"
    echo "quit,2026-10-20,0,visit"
    echo "quit,2026-10-25,0,cancel"
} >"$tmp/gym.csv"
expect gym-active 0 "^core,new," -- "$tool" segment "$tmp/gym.csv" --decimals 0 --as-of 2026-11-01
expect gym-orders-only 0 "^core,dormant," -- "$tool" segment "$tmp/gym.csv" --decimals 0 --as-of 2026-11-01 --activity orders
expect gym-cancel 0 "^quit,dormant," -- "$tool" segment "$tmp/gym.csv" --decimals 0 --as-of 2026-11-01

# Customer-level input (R's rfm_table_customer): aggregates, no events
printf 'customer_id,orders,recency_days,revenue\nc1,1,10,100\nc2,2,20,200\nc3,3,30,300\nc4,4,40,400\nc5,5,50,500\n' >"$tmp/customers.csv"
cust=("$tool" segment "$tmp/customers.csv" --customers --decimals 0 --as-of 2026-11-01 --rfm-mode r-rfm)
expect customers-f-1 0 "^c2,repeat,no rank,[0-9],1," -- "${cust[@]}"
expect customers-f-4 0 "^c5,repeat,no rank,[0-9],4,.*,5,50,0,500," -- "${cust[@]}"
expect customers-new 0 "^c1,new,no rank," -- "${cust[@]}"
expect customers-needs-as-of 2 "--customers needs --as-of" -- "$tool" segment "$tmp/customers.csv" --customers
printf 'id,orders,last_order_date,revenue\nc1,1,2026-10-01,100\nc1,2,2026-10-02,100\nc2,x,2026-10-01,5\n' >"$tmp/customers-bad.csv"
expect customers-bad-rows 0 "line 3, column 1: id has a row already" -- "$tool" segment "$tmp/customers-bad.csv" --customers --column customer_id=id --as-of 2026-11-01 --decimals 0 --accept-rejects
expect customers-bad-count 0 "line 4, column 2: orders 'x' is not a whole number of orders" -- "$tool" segment "$tmp/customers-bad.csv" --customers --column customer_id=id --as-of 2026-11-01 --decimals 0 --accept-rejects
expect customers-after-as-of 3 "is not before the as-of day" -- "$tool" segment "$tmp/customers-bad.csv" --customers --column customer_id=id --as-of 2026-10-01 --decimals 0 --accept-rejects
expect customers-too-many-rejects 3 "2 of 3 rows .* were rejected" -- "$tool" segment "$tmp/customers-bad.csv" --customers --column customer_id=id --as-of 2026-11-01 --decimals 0
expect customers-no-predict 2 "--predict needs an order log" -- "${cust[@]}" --predict bgnbd
