import type { Metadata } from "next";
import { AuthPage, type AuthPageProps } from "../auth-page";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage({ searchParams }: AuthPageProps) {
  return <AuthPage mode="sign-up" searchParams={searchParams} />;
}
