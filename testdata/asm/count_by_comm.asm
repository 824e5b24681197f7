; tracepoint:raw_syscalls:sys_enter: 23 instructions, 25 slots
probe:
	 0: MovReg dst: r1 src: rfp
	 1: AddImm dst: r1 imm: -16
	 2: MovImm dst: r2 imm: 16
	 3: Call FnGetCurrentComm
	 4: LoadMapPtr dst: r1 fd: 0 <@>
	 6: MovReg dst: r2 src: rfp
	 7: AddImm dst: r2 imm: -16
	 8: Call FnMapLookupElem
	 9: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_2>
	10: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	11: AddImm dst: r1 imm: 1
	12: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	13: Ja off: -1 <aggdone_3>
aggmiss_2:
	14: StMemDW dst: rfp src: r0 off: -24 imm: 1
	15: LoadMapPtr dst: r1 fd: 0 <@>
	17: MovReg dst: r2 src: rfp
	18: AddImm dst: r2 imm: -16
	19: MovReg dst: r3 src: rfp
	20: AddImm dst: r3 imm: -24
	21: MovImm dst: r4 imm: 0
	22: Call FnMapUpdateElem
aggdone_3:
	23: MovImm dst: r0 imm: 0
	24: Exit

