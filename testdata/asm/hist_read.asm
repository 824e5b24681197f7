; tracepoint:syscalls:sys_exit_read: 44 instructions, 47 slots
probe:
	 0: LdXMemDW dst: r1 src: r1 off: 16 imm: 0
	 1: MovImm dst: r3 imm: 0
	 2: JSLTImm dst: r1 off: -1 imm: 0 <hs_8>
	 3: MovImm dst: r3 imm: 1
	 4: JEqImm dst: r1 off: -1 imm: 0 <hs_8>
	 5: MovImm dst: r3 imm: 2
	 6: LdImmDW dst: r2 imm: 4294967296
	 8: JLTReg dst: r1 off: -1 src: r2 <hs_3>
	 9: RShImm dst: r1 imm: 32
	10: AddImm dst: r3 imm: 32
hs_3:
	11: JLTImm dst: r1 off: -1 imm: 65536 <hs_4>
	12: RShImm dst: r1 imm: 16
	13: AddImm dst: r3 imm: 16
hs_4:
	14: JLTImm dst: r1 off: -1 imm: 256 <hs_5>
	15: RShImm dst: r1 imm: 8
	16: AddImm dst: r3 imm: 8
hs_5:
	17: JLTImm dst: r1 off: -1 imm: 16 <hs_6>
	18: RShImm dst: r1 imm: 4
	19: AddImm dst: r3 imm: 4
hs_6:
	20: JLTImm dst: r1 off: -1 imm: 4 <hs_7>
	21: RShImm dst: r1 imm: 2
	22: AddImm dst: r3 imm: 2
hs_7:
	23: JLTImm dst: r1 off: -1 imm: 2 <hs_8>
	24: AddImm dst: r3 imm: 1
hs_8:
	25: StXMemDW dst: rfp src: r3 off: -8 imm: 0
	26: LoadMapPtr dst: r1 fd: 0 <@>
	28: MovReg dst: r2 src: rfp
	29: AddImm dst: r2 imm: -8
	30: Call FnMapLookupElem
	31: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_9>
	32: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	33: AddImm dst: r1 imm: 1
	34: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	35: Ja off: -1 <aggdone_10>
aggmiss_9:
	36: StMemDW dst: rfp src: r0 off: -16 imm: 1
	37: LoadMapPtr dst: r1 fd: 0 <@>
	39: MovReg dst: r2 src: rfp
	40: AddImm dst: r2 imm: -8
	41: MovReg dst: r3 src: rfp
	42: AddImm dst: r3 imm: -16
	43: MovImm dst: r4 imm: 0
	44: Call FnMapUpdateElem
aggdone_10:
	45: MovImm dst: r0 imm: 0
	46: Exit

